<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>pirl::widgets::CheckpointBrowser</name>
    <message>
        <source>Filter runs…</source>
        <translation>筛选运行…</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Evaluate the selected checkpoint (ODE, the run&apos;s fixed seeds) on its tasks and their OOD variants</source>
        <translation>在所选检查点的任务及其 OOD 变体上评估（ODE，使用该运行的固定种子）</translation>
    </message>
    <message>
        <source>episodes/task:</source>
        <translation>每个任务的回合数：</translation>
    </message>
    <message>
        <source>A/B compare</source>
        <translation>A/B 对比</translation>
    </message>
    <message>
        <source>Evaluate two selected checkpoints on the same seeds, side by side</source>
        <translation>使用相同种子并排评估两个所选检查点</translation>
    </message>
    <message>
        <source>Resume from here</source>
        <translation>从此处继续</translation>
    </message>
    <message>
        <source>Continue the run from this checkpoint</source>
        <translation>从该检查点继续该运行</translation>
    </message>
    <message>
        <source>Fork…</source>
        <translation>分叉…</translation>
    </message>
    <message>
        <source>Open the launcher with a new run starting from this checkpoint</source>
        <translation>打开启动器，创建一个从该检查点开始的新运行</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write a TorchScript policy (pirl export)</source>
        <translation>写出 TorchScript 策略（pirl export）</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected checkpoints (rows and files)</source>
        <translation>删除所选检查点（记录和文件）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Re-read the database</source>
        <translation>重新读取数据库</translation>
    </message>
    <message>
        <source>Run / step</source>
        <translation>运行 / 步</translation>
    </message>
    <message>
        <source>Env steps</source>
        <translation>环境步数</translation>
    </message>
    <message>
        <source>Eval success</source>
        <translation>评估成功率</translation>
    </message>
    <message>
        <source>OOD success</source>
        <translation>OOD 成功率</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Integrity</source>
        <translation>完整性</translation>
    </message>
    <message>
        <source>Lineage</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Export into folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>forked from run #%1</source>
        <translation>分叉自运行 #%1</translation>
    </message>
    <message>
        <source>, step %1</source>
        <translation>，第 %1 步</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>unknown checkpoint</source>
        <translation>未知检查点</translation>
    </message>
    <message>
        <source>, OOD variants too</source>
        <translation>，并包括 OOD 变体</translation>
    </message>
    <message>
        <source>run %1 step %2: %3 in distribution</source>
        <translation>运行 %1 第 %2 步：分布内 %3</translation>
    </message>
    <message>
        <source>Select one checkpoint to export.</source>
        <translation>请选择一个要导出的检查点。</translation>
    </message>
    <message>
        <source>Exported %1 to %2</source>
        <translation>已将 %1 导出到 %2</translation>
    </message>
    <message>
        <source>Select checkpoints to delete.</source>
        <translation>请选择要删除的检查点。</translation>
    </message>
    <message>
        <source>Delete checkpoints</source>
        <translation>删除检查点</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n checkpoint(s) with their files and evaluations?</source>
        <translation>
            <numerusform>删除 %n 个检查点及其文件和评估结果？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n checkpoint(s)</source>
        <translation>
            <numerusform>已删除 %n 个检查点</numerusform>
        </translation>
    </message>
    <message>
        <source>Select exactly two checkpoints to compare.</source>
        <translation>请恰好选择两个检查点进行对比。</translation>
    </message>
    <message>
        <source>An evaluation is running.</source>
        <translation>已有评估正在进行。</translation>
    </message>
    <message>
        <source>run %1 step %2</source>
        <translation>运行 %1 第 %2 步</translation>
    </message>
    <message>
        <source>Comparing %1 and %2 on the same %3 episodes per task…</source>
        <translation>正在以每个任务相同的 %3 个回合对比 %1 与 %2…</translation>
    </message>
    <message>
        <source>A/B comparison</source>
        <translation>A/B 对比</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>B − A</source>
        <translation>B − A</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Compared %1 (%2) and %3 (%4)</source>
        <translation>已对比 %1（%2）与 %3（%4）</translation>
    </message>
    <message>
        <source>Run %1 cannot be resumed (%2 %3 run)</source>
        <translation>运行 %1 无法继续（%2 的 %3 运行）</translation>
    </message>
    <message>
        <source>Run %1 is still running; stop it before deleting it.</source>
        <translation>运行 %1 仍在进行；请先停止再删除。</translation>
    </message>
    <message>
        <source>x₀ scale:</source>
        <translation>x₀ 缩放：</translation>
    </message>
    <message>
        <source>run&apos;s</source>
        <translation>运行的</translation>
    </message>
    <message>
        <source>Scale of the ODE&apos;s initial noise x₀ for Evaluate and A/B compare: 0 evaluates the deterministic policy. Results under another scale than the run&apos;s are shown, not stored.</source>
        <translation>评估和 A/B 对比时 ODE 初始噪声 x₀ 的缩放：0 表示评估确定性策略。与运行设置不同的缩放下的结果只显示，不保存。</translation>
    </message>
    <message>
        <source>Evaluating run %1 step %2 (%3 episodes per task%4%5)…</source>
        <translation>正在评估运行 %1 第 %2 步（每个任务 %3 个回合%4%5）…</translation>
    </message>
    <message>
        <source>, x₀ scale %1</source>
        <translation>，x₀ 缩放 %1</translation>
    </message>
    <message>
        <source> (x₀ scale %1, not the run&apos;s: not stored)</source>
        <translation>（x₀ 缩放 %1，与运行设置不同：不保存）</translation>
    </message>
    <message>
        <source>Same evaluation seeds, %1 episodes per task (ODE, x₀ scale %2).</source>
        <translation>相同的评估种子，每个任务 %1 个回合（ODE，x₀ 缩放 %2）。</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Average the networks of the selected checkpoints of one run into a new run (pirl average)</source>
        <translation>将同一运行中所选检查点的网络取平均，生成一个新运行（pirl average）</translation>
    </message>
    <message>
        <source>Select two or more checkpoints of one run to average.</source>
        <translation>请选择同一运行的两个或更多检查点进行平均。</translation>
    </message>
    <message>
        <source>Select checkpoints of one run to average.</source>
        <translation>请只选择同一运行的检查点进行平均。</translation>
    </message>
    <message numerus="yes">
        <source>Averaged %n checkpoint(s) of run %1 into run %2</source>
        <translation>
            <numerusform>已将运行 %1 的 %n 个检查点平均为运行 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>average of checkpoints of run #%1</source>
        <translation>运行 #%1 的检查点平均</translation>
    </message>
    <message>
        <source>, newest step %1</source>
        <translation>，最新步骤 %1</translation>
    </message>
    <message numerus="yes">
        <source> (stored; the checkpoint keeps its %n-episode success)</source>
        <translation>
            <numerusform>（已保存；检查点保留其 %n 回合评估的成功率）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pirl::widgets::ConfigDiffModel</name>
    <message>
        <source>unreadable: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>选项</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::DenoiseView</name>
    <message>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <source>Select a run in the Runs table to list its checkpoints</source>
        <translation>在运行表中选择一个运行以列出其检查点</translation>
    </message>
    <message>
        <source>Observation:</source>
        <translation>观测：</translation>
    </message>
    <message>
        <source>Episode seed of the reset state</source>
        <translation>初始状态的回合种子</translation>
    </message>
    <message>
        <source>Reset state</source>
        <translation>初始状态</translation>
    </message>
    <message>
        <source>Use the task&apos;s initial state for this seed (or a Replay frame: &quot;Inspect denoising&quot; there)</source>
        <translation>使用该种子下任务的初始状态（或回放中的某一帧：在那里点击“检查去噪”）</translation>
    </message>
    <message>
        <source>Samples:</source>
        <translation>样本数：</translation>
    </message>
    <message>
        <source>Noise seed:</source>
        <translation>噪声种子：</translation>
    </message>
    <message>
        <source>Std tubes</source>
        <translation>标准差管</translation>
    </message>
    <message>
        <source>Draw each stochastic step&apos;s positional std as a tube</source>
        <translation>将每个随机步骤的位置标准差绘制为管道</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Blue: noise (t = 1) → red: action (t = 0). Opaque: the executed part of the chunk; faint: the discarded tail.</source>
        <translation>蓝色：噪声（t = 1）→ 红色：动作（t = 0）。不透明：块中被执行的部分；淡色：被丢弃的尾部。</translation>
    </message>
    <message>
        <source>ODE (evaluation)</source>
        <translation>ODE（评估）</translation>
    </message>
    <message>
        <source>Flow-SDE (hybrid)</source>
        <translation>Flow-SDE（混合）</translation>
    </message>
    <message>
        <source>Flow-Noise</source>
        <translation>Flow-Noise</translation>
    </message>
    <message>
        <source>Pick a checkpoint and press Sample.</source>
        <translation>请选择检查点并点击“采样”。</translation>
    </message>
    <message>
        <source>run %1 · step %2%3</source>
        <translation>运行 %1 · 第 %2 步%3</translation>
    </message>
    <message>
        <source> · eval %1%</source>
        <translation> · 评估 %1%</translation>
    </message>
    <message>
        <source>no checkpoint selected</source>
        <translation>未选择检查点</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n sample(s) × %2 denoising steps · chunk %3 (executed %4)</source>
        <translation>
            <numerusform>%1 · %n 个样本 × %2 个去噪步 · 块长 %3（执行 %4）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pirl::widgets::GhostReplay</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Go to divergence</source>
        <translation>跳到分歧处</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; opaque, &lt;b&gt;%2&lt;/b&gt; translucent blue · %3 vs %4 steps · %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 不透明，&lt;b&gt;%2&lt;/b&gt; 半透明蓝色 · %3 对 %4 步 · %5</translation>
    </message>
    <message>
        <source>identical throughout</source>
        <translation>全程相同</translation>
    </message>
    <message>
        <source>first divergence at step %1</source>
        <translation>第 %1 步首次出现分歧</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已分歧</translation>
    </message>
    <message>
        <source>identical so far</source>
        <translation>目前相同</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::JobsWidget</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop cleanly with a final checkpoint, or remove from the queue</source>
        <translation>带最终检查点干净地停止，或从队列中移除</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Eval success</source>
        <translation>评估成功率</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>SFT cannot pause; RL can</source>
        <translation>SFT 无法暂停，RL 可以</translation>
    </message>
    <message>
        <source>Hold the run between chunks</source>
        <translation>在块之间暂停该运行</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::LauncherWidget</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>SFT</source>
        <translation>SFT</translation>
    </message>
    <message>
        <source>RL</source>
        <translation>RL</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>%1 in [%2, %3]</source>
        <translation>%1，范围 [%2, %3]</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>取值之一：%1</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>(defaults)</source>
        <translation>（默认值）</translation>
    </message>
    <message>
        <source>Start from a preset; your edits are shown under Differences</source>
        <translation>从预设开始；您的修改显示在“差异”中</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>加载…</translation>
    </message>
    <message>
        <source>Load a YAML config file</source>
        <translation>加载 YAML 配置文件</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the config as YAML</source>
        <translation>将配置保存为 YAML</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>加入队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Run after the queued runs before it (Ctrl+Shift+Return)</source>
        <translation>在队列中之前的运行之后运行（Ctrl+Shift+Return）</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>启动(&amp;L)</translation>
    </message>
    <message>
        <source>Start now in the background (Ctrl+Return)</source>
        <translation>立即在后台启动（Ctrl+Return）</translation>
    </message>
    <message>
        <source>defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Load config</source>
        <translation>加载配置</translation>
    </message>
    <message>
        <source>YAML configs (*.yaml *.yml)</source>
        <translation>YAML 配置 (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Save config</source>
        <translation>保存配置</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Pick tasks and OOD variants</source>
        <translation>选择任务和 OOD 变体</translation>
    </message>
    <message>
        <source>Variant %1</source>
        <translation>变体 %1</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Start checkpoint</source>
        <translation>起始检查点</translation>
    </message>
    <message>
        <source>Demonstrations</source>
        <translation>示范数据</translation>
    </message>
    <message>
        <source>Demonstrations (*.pirldemo)</source>
        <translation>示范数据 (*.pirldemo)</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基准</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Differences (%1)</source>
        <translation>差异（%1）</translation>
    </message>
    <message>
        <source>Options that differ from %1</source>
        <translation>与 %1 不同的选项</translation>
    </message>
    <message numerus="yes">
        <source>%n option(s) invalid: %1</source>
        <translation>
            <numerusform>%n 个选项无效：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ready: %1 with %n change(s) from %2</source>
        <translation>
            <numerusform>就绪：%1，相对 %2 有 %n 处修改</numerusform>
        </translation>
    </message>
    <message>
        <source> (fork of run %1)</source>
        <translation>（运行 %1 的分叉）</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::LiveView</name>
    <message>
        <source>Job:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>环境：</translation>
    </message>
    <message>
        <source>Which of the snapshot&apos;s environments to show</source>
        <translation>显示快照中的哪个环境</translation>
    </message>
    <message>
        <source>Denoising chain</source>
        <translation>去噪链</translation>
    </message>
    <message>
        <source>Draw the end-effector paths of environment 0&apos;s last denoising chain (blue: noise, red: action; faint: the discarded tail of the chunk)</source>
        <translation>绘制环境 0 最近一次去噪链所对应的末端执行器路径（蓝：噪声，红：动作；淡色：块中被丢弃的尾部）</translation>
    </message>
    <message>
        <source>Launch a run (or select a running job) to watch its rollouts.</source>
        <translation>启动一个运行（或选择正在运行的任务）以观看其轨迹。</translation>
    </message>
    <message>
        <source>iteration %1 · %2</source>
        <translation>第 %1 次迭代 · %2</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::MainWindow</name>
    <message>
        <source>PiRL Studio</source>
        <translation>PiRL Studio</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Live 3D</source>
        <translation>实时 3D</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Denoising</source>
        <translation>去噪</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Launcher</source>
        <translation>启动器</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务队列</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <source>Where runs with device &quot;auto&quot; train</source>
        <translation>设备为“auto”的运行在此训练</translation>
    </message>
    <message>
        <source>Run %1 has no recorded episodes to replay.</source>
        <translation>运行 %1 没有可回放的已记录回合。</translation>
    </message>
    <message>
        <source>run #%1</source>
        <translation>运行 #%1</translation>
    </message>
    <message>
        <source>Fork of run %1 ready in the launcher (differences from its config shown)</source>
        <translation>运行 %1 的分叉已在启动器中就绪（显示与其配置的差异）</translation>
    </message>
    <message>
        <source>No project database is open.</source>
        <translation>未打开项目数据库。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project database…</source>
        <translation>新建项目数据库(&amp;N)…</translation>
    </message>
    <message>
        <source>New project database</source>
        <translation>新建项目数据库</translation>
    </message>
    <message>
        <source>Databases (*.db)</source>
        <translation>数据库 (*.db)</translation>
    </message>
    <message>
        <source>&amp;Open project database…</source>
        <translation>打开项目数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open project database</source>
        <translation>打开项目数据库</translation>
    </message>
    <message>
        <source>Open the &amp;default database</source>
        <translation>打开默认数据库(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Pause job</source>
        <translation>暂停任务(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Resume job</source>
        <translation>继续任务(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Stop job</source>
        <translation>停止任务(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Compare selected configs</source>
        <translation>对比所选配置(&amp;C)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language changes when PiRL Studio starts next time.</source>
        <translation>语言将在下次启动 PiRL Studio 时更改。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About PiRL Studio</source>
        <translation>关于 PiRL Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About PiRL Studio</source>
        <translation>关于 PiRL Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PiRL Studio %1&lt;/h3&gt;&lt;p&gt;Online RL fine-tuning of flow-matching robot policies with Flow-Noise and Flow-SDE.&lt;/p&gt;&lt;p&gt;Versions: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PiRL Studio %1&lt;/h3&gt;&lt;p&gt;使用 Flow-Noise 和 Flow-SDE 对流匹配机器人策略进行在线强化学习微调。&lt;/p&gt;&lt;p&gt;版本：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Config comparison</source>
        <translation>配置对比</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) active</source>
        <translation>
            <numerusform>%n 个运行进行中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>PiRL Studio — %n run(s) active</source>
        <translation>
            <numerusform>PiRL Studio — %n 个运行进行中</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) are still active. Stop them (each writes a final checkpoint) and quit?</source>
        <translation>
            <numerusform>仍有 %n 个运行进行中。停止它们（每个都会写入最终检查点）并退出？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pirl::widgets::MetricsWidget</name>
    <message>
        <source>X axis:</source>
        <translation>X 轴：</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Env steps</source>
        <translation>环境步数</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>墙钟时间（秒）</translation>
    </message>
    <message>
        <source>Plot against iterations, environment steps or seconds</source>
        <translation>按迭代、环境步数或秒数绘图</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>平滑：</translation>
    </message>
    <message>
        <source>Debiased exponential moving average weight (TensorBoard&apos;s formula), computed on the full-resolution data; the raw curve is drawn faint</source>
        <translation>去偏指数移动平均的权重（TensorBoard 的公式），在完整分辨率数据上计算；原始曲线以淡色绘制</translation>
    </message>
    <message>
        <source>Group seeds</source>
        <translation>按种子分组</translation>
    </message>
    <message>
        <source>Runs whose configs differ only in seed and name are drawn as their mean with a ± standard deviation band</source>
        <translation>仅种子和名称不同的运行绘制为均值及 ± 一个标准差的带</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>对数 y</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适配</translation>
    </message>
    <message>
        <source>Fit the axes to the data (zoom with the wheel, pan by dragging)</source>
        <translation>使坐标轴适配数据（滚轮缩放，拖动平移）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the chart as PNG or SVG, or the data as CSV</source>
        <translation>将图表保存为 PNG 或 SVG，或将数据保存为 CSV</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;CSV data (*.csv)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg);;CSV 数据 (*.csv)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (mean ± std of %n seeds)</source>
        <translation>
            <numerusform>%1（%n 个种子的均值 ± 标准差）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s), %1 points</source>
        <translation>
            <numerusform>%n 个运行，%1 个点</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 @ %2: %3 (raw %4)</source>
        <translation>%1 @ %2：%3（原始 %4）</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Cannot encode %1</source>
        <translation>无法编码 %1</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::ReplayView</name>
    <message>
        <source>Iteration:</source>
        <translation>迭代：</translation>
    </message>
    <message>
        <source>Iterations with recorded episodes</source>
        <translation>有已记录回合的迭代</translation>
    </message>
    <message>
        <source>Episode:</source>
        <translation>回合：</translation>
    </message>
    <message>
        <source>Inspect denoising</source>
        <translation>检查去噪</translation>
    </message>
    <message>
        <source>Sample this frame&apos;s denoising chains from the run&apos;s checkpoint</source>
        <translation>从该运行的检查点采样此帧的去噪链</translation>
    </message>
    <message>
        <source>Open a run&apos;s episodes: click a point of a curve in Metrics, or pick an iteration above.</source>
        <translation>打开某次运行的回合：在“指标”中点击曲线上的点，或在上方选择一个迭代。</translation>
    </message>
    <message>
        <source>reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>value V(s)</source>
        <translation>价值 V(s)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>价值</translation>
    </message>
    <message>
        <source>control step (dashed: chunk boundaries)</source>
        <translation>控制步（虚线：块边界）</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>Playback speed (1× = the 10 Hz control rate)</source>
        <translation>播放速度（1× = 10 Hz 控制频率）</translation>
    </message>
    <message>
        <source>Run %1 has no recorded episodes.</source>
        <translation>运行 %1 没有已记录的回合。</translation>
    </message>
    <message>
        <source>%1 · seed %2 · %3 · return %4 · %5 steps</source>
        <translation>%1 · 种子 %2 · %3 · 回报 %4 · %5 步</translation>
    </message>
    <message>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failure</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>no checkpoint at or before iteration %1</source>
        <translation>第 %1 次迭代及之前没有检查点</translation>
    </message>
    <message>
        <source>value: %1</source>
        <translation>价值：%1</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::RunManager</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Queued &quot;%1&quot; (job %2)</source>
        <translation>已将“%1”加入队列（任务 %2）</translation>
    </message>
    <message>
        <source>Started &quot;%1&quot; (job %2)</source>
        <translation>已启动“%1”（任务 %2）</translation>
    </message>
    <message>
        <source>Job %1, iteration %2: evaluation success %3%</source>
        <translation>任务 %1，第 %2 次迭代：评估成功率 %3%</translation>
    </message>
    <message>
        <source>final evaluation success %1% (%2 s, %3)</source>
        <translation>最终评估成功率 %1%（%2 秒，%3）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (job %2) %3: %4</source>
        <translation>“%1”（任务 %2）%3：%4</translation>
    </message>
    <message>
        <source>Paused job %1</source>
        <translation>已暂停任务 %1</translation>
    </message>
    <message>
        <source>Resumed job %1</source>
        <translation>已继续任务 %1</translation>
    </message>
    <message>
        <source>removed from the queue</source>
        <translation>已从队列中移除</translation>
    </message>
    <message>
        <source>Stopping job %1 (a final checkpoint is written)</source>
        <translation>正在停止任务 %1（会写入最终检查点）</translation>
    </message>
    <message>
        <source>Job %1 is in SFT, which cannot pause; RL can</source>
        <translation>任务 %1 处于 SFT 阶段，无法暂停；RL 阶段可以</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::RunsModel</name>
    <message>
        <source>SFT</source>
        <translation>SFT</translation>
    </message>
    <message>
        <source>SFT → %1</source>
        <translation>SFT → %1</translation>
    </message>
    <message>
        <source>Started %1 on %2, seed %3</source>
        <translation>启动于 %1，设备 %2，种子 %3</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Best success</source>
        <translation>最佳成功率</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>最近成功率</translation>
    </message>
    <message>
        <source>Env steps</source>
        <translation>环境步数</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A run name cannot be empty.</source>
        <translation>运行名称不能为空。</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::RunsWidget</name>
    <message>
        <source>Search runs (name, task, tags, notes…)</source>
        <translation>搜索运行（名称、任务、标签、备注…）</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Compare configs</source>
        <translation>对比配置</translation>
    </message>
    <message>
        <source>Show the configs of the selected runs side by side</source>
        <translation>并排显示所选运行的配置</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue the selected RL run from its newest checkpoint</source>
        <translation>从最新检查点继续所选 RL 运行</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected runs with their metrics and files</source>
        <translation>删除所选运行及其指标和文件</translation>
    </message>
    <message>
        <source>Run %1 cannot be resumed (%2 %3 run)</source>
        <translation>运行 %1 无法继续（%2 的 %3 运行）</translation>
    </message>
    <message>
        <source>Replay episodes</source>
        <translation>回放回合</translation>
    </message>
    <message>
        <source>Select two or more runs to compare their configs.</source>
        <translation>请选择两个或更多运行以对比其配置。</translation>
    </message>
    <message>
        <source>Config comparison</source>
        <translation>配置对比</translation>
    </message>
    <message numerus="yes">
        <source>Differences only (%n option(s) differ)</source>
        <translation>
            <numerusform>仅显示差异（%n 个选项不同）</numerusform>
        </translation>
    </message>
    <message>
        <source>Run %1 is still running; stop it before deleting it.</source>
        <translation>运行 %1 仍在进行；请先停止再删除。</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) with their metrics, episodes and checkpoint files?

%1</source>
        <translation>
            <numerusform>删除 %n 个运行及其指标、回合和检查点文件？

%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete failed: %1</source>
        <translation>删除失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n run(s)</source>
        <translation>
            <numerusform>已删除 %n 个运行</numerusform>
        </translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Train further…</source>
        <translation>继续训练…</translation>
    </message>
    <message>
        <source>Continue the selected stopped or finished RL run to more iterations, in the same run</source>
        <translation>在同一运行中将所选已停止或已完成的 RL 运行继续训练到更多迭代</translation>
    </message>
    <message>
        <source>; train it further to more iterations instead</source>
        <translation>；请改为继续训练到更多迭代</translation>
    </message>
    <message>
        <source>Select one RL run to train further</source>
        <translation>请选择一个要继续训练的 RL 运行</translation>
    </message>
    <message>
        <source>Run %1 is no longer in the table</source>
        <translation>运行 %1 已不在表中</translation>
    </message>
    <message>
        <source>Run %1 cannot be trained further (%2 %3 run)</source>
        <translation>运行 %1 无法继续训练（%2 的 %3 运行）</translation>
    </message>
    <message>
        <source>Train further</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Run %1 (%2) was set to %3 RL iterations; its newest checkpoint is at iteration %4.
Train it on to this many iterations in all (same run, optimizer kept):</source>
        <translation>运行 %1（%2）设定为 %3 次 RL 迭代；其最新检查点位于第 %4 次迭代。
继续训练到总共这么多次迭代（同一运行，保留优化器状态）：</translation>
    </message>
    <message>
        <source>Run %1 resumes at iteration %2; train it to more iterations than that</source>
        <translation>运行 %1 从第 %2 次迭代继续；请训练到比这更多的迭代</translation>
    </message>
</context>
<context>
    <name>pirl::widgets::VtkView</name>
    <message>
        <source>No scene</source>
        <translation>无场景</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Frame the whole scene</source>
        <translation>显示整个场景</translation>
    </message>
    <message>
        <source>Iso</source>
        <translation>等轴</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>侧面</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>俯视</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>接触点</translation>
    </message>
    <message>
        <source>Show contact points</source>
        <translation>显示接触点</translation>
    </message>
    <message>
        <source>EE frame</source>
        <translation>末端坐标系</translation>
    </message>
    <message>
        <source>Show the end-effector frame (x red, y green, z blue)</source>
        <translation>显示末端执行器坐标系（x 红，y 绿，z 蓝）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>PiRL Studio: online RL fine-tuning of flow-matching robot policies with Flow-Noise and Flow-SDE</source>
        <translation>PiRL Studio：使用 Flow-Noise 和 Flow-SDE 对流匹配机器人策略进行在线强化学习微调</translation>
    </message>
    <message>
        <source>Project database to open.</source>
        <translation>要打开的项目数据库。</translation>
    </message>
    <message>
        <source>Write a PNG of the main window once loaded, then exit.</source>
        <translation>加载完成后写出主窗口的 PNG，然后退出。</translation>
    </message>
    <message>
        <source>Select these run ids (comma-separated) at start.</source>
        <translation>启动时选中这些运行 ID（以逗号分隔）。</translation>
    </message>
    <message>
        <source>Run a GUI benchmark (plot, eventloop or live), print JSON, exit.</source>
        <translation>运行 GUI 基准测试（plot、eventloop 或 live），输出 JSON 后退出。</translation>
    </message>
    <message>
        <source>Write PNGs of the window and each view into DIR, then exit.</source>
        <translation>将窗口及每个视图的 PNG 写入 DIR，然后退出。</translation>
    </message>
    <message>
        <source>Metric to show at start (e.g. eval/success_once).</source>
        <translation>启动时显示的指标（例如 eval/success_once）。</translation>
    </message>
    <message>
        <source>X axis at start: step, env_steps or wall_time.</source>
        <translation>启动时的 X 轴：step、env_steps 或 wall_time。</translation>
    </message>
    <message>
        <source>Open run RUN&apos;s episodes of iteration STEP in Replay.</source>
        <translation>在回放中打开运行 RUN 第 STEP 次迭代的回合。</translation>
    </message>
    <message>
        <source>Replay frame to show (with --replay).</source>
        <translation>要显示的回放帧（配合 --replay）。</translation>
    </message>
    <message>
        <source>Sample the denoising chains of the replay frame (or of the selected run&apos;s task) at start.</source>
        <translation>启动时对回放帧（或所选运行的任务）采样去噪链。</translation>
    </message>
</context>
</TS>

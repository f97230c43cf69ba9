#include "core/rl/train_config.h"

#include "core/common/file_util.h"
#include "core/sim/task.h"

namespace pirl::rl {

OptionSet TrainConfig::options() {
  OptionSet o;
  o.addString("name", &name, "Run name shown in listings");
  o.addString("stage", &stage,
              "What the run does: sft, rl (from rl.init_checkpoint), or sft_rl (SFT then RL)",
              {"sft", "rl", "sft_rl"});
  o.addSeed("seed", &seed, "Seed of all randomness: initialisation, batches, sampling noise");
  o.addString("device", &device, "Compute device: auto (CUDA when LibTorch has it), cpu, cuda",
              {"auto", "cpu", "cuda"});
  o.addInt("threads", &threads, "Worker threads stepping the environments", 1, 256);
  o.addStrings("tasks", &tasks, "Tasks to train and evaluate on (task or task@variant)");
  o.addDouble("env.control_hz", &env.controlHz, "Control frequency in Hz", 1.0, 100.0);
  o.addDouble("env.max_delta_pos", &env.maxDeltaPos,
              "End-effector displacement per step for an action of 1 (m)", 0.001, 0.1);
  o.addDouble("env.max_delta_yaw", &env.maxDeltaYaw,
              "Gripper yaw change per step for an action of 1 (rad)", 0.001, 1.0);
  o.addBool("env.dense_reward", &env.denseReward,
            "Add the task's potential-based shaping reward phi(s') - phi(s) (docs/simulation.md)");
  o.addBool("env.binary_gripper", &env.binaryGripper,
            "Gripper action as a switch: > 0 closes fully, otherwise opens fully");
  o.addInt("env.max_episode_steps", &env.maxEpisodeSteps,
           "Episode limit in control steps (0: the task's default)", 0, 100000);
  o.addString("policy.expert", &policy.expert,
              "Action expert: mlp, or transformer over chunk tokens", {"mlp", "transformer"});
  o.addInt("policy.width", &policy.width, "Hidden width of encoder, expert and heads", 8, 4096);
  o.addInt("policy.depth", &policy.depth, "Hidden layers of the MLP action expert", 1, 16);
  o.addInt("policy.layers", &policy.layers, "Transformer layers (expert: transformer)", 1, 16);
  o.addInt("policy.heads", &policy.heads, "Attention heads (expert: transformer)", 1, 32);
  o.addInt("policy.token_dim", &policy.tokenDim, "Instruction token embedding size", 4, 1024);
  o.addInt("policy.max_tokens", &policy.maxTokens, "Instruction length in tokens", 1, 128);
  o.addInt("policy.time_dim", &policy.timeDim, "Sinusoidal time embedding size (even)", 4, 1024);
  o.addInt("policy.chunk", &policy.chunk, "Actions generated per chunk (H)", 1, 64);
  o.addInt("policy.action_chunk", &policy.actionChunk, "Actions executed per chunk (K <= H)", 1,
           64);
  o.addInt("policy.denoise_steps", &policy.denoiseSteps, "Denoising steps N when sampling", 1,
           1000);
  o.addString("policy.critic", &policy.critic,
              "Value head: after_encoder (pi0.5 style) or after_expert (pi0 style)",
              {"after_encoder", "after_expert"});
  o.addRange("policy.noise_std_range", &policy.noiseStdRange,
             "Flow-Noise std bounds [sigma_min, sigma_max]", 1e-4, 10.0);
  o.addDouble("policy.noise_first_scale", &policy.noiseFirstScale,
              "Flow-Noise: the first denoising step's std is the noise head's times this", 0.01,
              100.0);
  o.addDouble("policy.noise_level", &policy.noiseLevel, "Flow-SDE noise level a", 0.0, 10.0);
  o.addBool("policy.ignore_last", &policy.ignoreLast,
            "Flow-SDE hybrid: never make the last denoising step stochastic");
  o.addInt("sft.demos_per_task", &sft.demosPerTask,
           "Successful expert demonstrations per task (few-shot control)", 1, 100000);
  o.addSeed("sft.demo_seed", &sft.demoSeed, "Seed of the demonstration episodes");
  o.addString("sft.demo_file", &sft.demoFile,
              "Read demonstrations from this .pirldemo file instead of running the expert");
  o.addStrings("sft.tasks", &sft.tasks,
               "Tasks SFT learns and is evaluated on (empty: the run's tasks)");
  o.addInt("sft.epochs", &sft.epochs, "Passes over the training chunks", 1, 1000000);
  o.addInt("sft.batch_size", &sft.batchSize, "Chunks per gradient step", 1, 65536);
  o.addDouble("sft.lr", &sft.lr, "AdamW learning rate", 1e-8, 1.0);
  o.addDouble("sft.weight_decay", &sft.weightDecay, "AdamW weight decay", 0.0, 1.0);
  o.addDouble("sft.val_fraction", &sft.valFraction,
              "Fraction of demonstration episodes held out for validation", 0.0, 0.9);
  o.addString("rl.method", &rl.method,
              "RL method: flow_noise, flow_sde (hybrid ODE-SDE), flow_sde_full (ablation)",
              {"flow_noise", "flow_sde", "flow_sde_full"});
  o.addString("rl.adv_type", &rl.advType, "Advantages: gae (PPO with critic) or grpo",
              {"gae", "grpo"});
  o.addString("rl.init_checkpoint", &rl.initCheckpoint,
              "Checkpoint directory to start RL from (stage rl)");
  o.addInt("rl.iterations", &rl.iterations, "RL iterations (rollout + update)", 1, 10000000);
  o.addInt("rl.num_envs", &rl.numEnvs, "Parallel environments", 1, 4096);
  o.addInt("rl.rollout_chunks", &rl.rolloutChunks,
           "Chunks collected per environment and iteration (gae)", 1, 100000);
  o.addInt("rl.max_episode_steps", &rl.maxEpisodeSteps,
           "Time limit of training episodes in control steps (0: as evaluation, "
           "env.max_episode_steps or the task's); evaluation keeps its limit",
           0, 100000);
  o.addInt("rl.update_epochs", &rl.updateEpochs, "Passes over each rollout batch", 1, 1000);
  o.addInt("rl.minibatches", &rl.minibatches, "Minibatches per pass", 1, 100000);
  o.addDouble("rl.gamma", &rl.gamma, "Discount per chunk", 0.0, 1.0);
  o.addDouble("rl.gae_lambda", &rl.gaeLambda, "GAE lambda (bias-variance trade-off of advantages)",
              0.0, 1.0);
  o.addDouble("rl.clip", &rl.clip, "PPO ratio clip epsilon", 0.0, 10.0);
  o.addDouble("rl.value_clip", &rl.valueClip, "Value clipping around the rollout value", 0.0, 1e6);
  o.addDouble("rl.huber_delta", &rl.huberDelta, "Huber delta of the value loss", 1e-6, 1e6);
  o.addDouble("rl.entropy_bonus", &rl.entropyBonus, "Entropy bonus weight (Flow-Noise only)", 0.0,
              10.0);
  o.addDouble("rl.actor_lr", &rl.actorLr, "Actor learning rate (encoder, expert, noise head)", 0.0,
              1.0);
  o.addDouble("rl.critic_lr", &rl.criticLr, "Critic (value head) learning rate", 0.0, 1.0);
  o.addString("rl.lr_schedule", &rl.lrSchedule,
              "Actor learning rate over the run (after the critic warm-up): constant, or decayed "
              "linearly / along a cosine to rl.lr_end_fraction x rl.actor_lr at the last iteration",
              {"constant", "linear", "cosine"});
  o.addDouble("rl.lr_end_fraction", &rl.lrEndFraction,
              "Fraction of rl.actor_lr that the linear / cosine schedule ends at", 0.0, 1.0);
  o.addInt("rl.actor_lr_warmup", &rl.actorLrWarmup,
           "Actor iterations over which the actor learning rate ramps up linearly (n / N of its "
           "scheduled value at the n-th); a fresh optimizer's first steps are otherwise full-size. "
           "A resumed run does not repeat it; a fork starts it again",
           0, 1000000);
  o.addDouble("rl.weight_decay", &rl.weightDecay, "AdamW weight decay", 0.0, 1.0);
  o.addDouble("rl.max_grad_norm", &rl.maxGradNorm, "Gradient-norm clip", 1e-6, 1e6);
  o.addString("rl.logprob_level", &rl.logprobLevel,
              "PPO ratio per chunk (sum over K x D) or per element", {"chunk", "element"});
  o.addInt("rl.group_size", &rl.groupSize, "GRPO group size (envs sharing a reset)", 2, 4096);
  o.addRange("rl.group_filter", &rl.groupFilter,
             "GRPO: keep groups whose mean success lies in this range", 0.0, 1.0);
  o.addDouble("rl.noise_correlation", &rl.noiseCorrelation,
              "Correlation of the exploration noise between consecutive chunks of an episode "
              "(AR(1), each chunk's noise still standard normal); 0 = independent per chunk",
              0.0, 0.99);
  o.addBool("rl.group_shared_init_noise", &rl.groupSharedInitNoise,
            "GRPO: the environments of a group share each chunk's initial noise x_0 (common "
            "random numbers); they differ only in the stochastic steps' noise, which the "
            "log-likelihood credits");
  o.addDouble("rl.revisit_fraction", &rl.revisitFraction,
              "GRPO: at most this fraction of an iteration's groups play again the reset state of "
              "a group that was mixed (kept by the group filter) in the previous iteration; the "
              "others draw fresh states (0: always fresh)",
              0.0, 1.0);
  o.addInt("rl.revisit_limit", &rl.revisitLimit,
           "GRPO: how many times a reset state may be played again after its first play", 1,
           1000000);
  o.addInt("rl.critic_warmup", &rl.criticWarmup,
           "Iterations of critic-only updates before the actor learns (gae)", 0, 1000000);
  o.addInt("rl.checkpoint_every", &rl.checkpointEvery,
           "Write a checkpoint every this many iterations (and at the end)", 1, 1000000);
  o.addInt("rl.record_episodes", &rl.recordEpisodes,
           "Episodes per iteration whose per-step states are stored for replay", 0, 4096);
  o.addInt("rl.fault_nan_iteration", &rl.faultNanIteration,
           "Testing aid: poison the loss at this iteration to exercise the NaN guard (0: off)", 0,
           1000000);
  o.addInt("eval.episodes", &eval.episodes, "Evaluation episodes per task", 1, 100000);
  o.addInt("eval.envs", &eval.envs, "Parallel evaluation environments", 1, 4096);
  o.addSeed("eval.seed", &eval.seed, "Base seed of the fixed evaluation episodes");
  o.addInt("eval.every", &eval.every, "Evaluate every this many epochs (0: only at the end)", 0,
           1000000);
  o.addBool("eval.ood", &eval.ood,
            "Also evaluate every OOD variant at the start and the end of RL");
  o.addInt("eval.denoise_steps", &eval.denoiseSteps,
           "ODE steps for evaluation (0: policy.denoise_steps)", 0, 1000);
  o.addDouble("eval.init_noise_scale", &eval.initNoiseScale,
              "Scale of the evaluation ODE's initial noise x_0 (1: standard normal, as in "
              "training; 0: start every chain at the prior's mean, a deterministic policy)",
              0.0, 2.0);
  return o;
}

Status TrainConfig::validate() const {
  if (policy.actionChunk > policy.chunk) {
    return Error{"policy.action_chunk (" + std::to_string(policy.actionChunk) +
                 ") must not exceed policy.chunk (" + std::to_string(policy.chunk) + ")"};
  }
  if (policy.timeDim % 2 != 0) return Error{"policy.time_dim must be even"};
  if (policy.expert == "transformer" && policy.width % policy.heads != 0) {
    return Error{"policy.width must be divisible by policy.heads for the transformer expert"};
  }
  if (tasks.empty()) return Error{"tasks must name at least one task"};
  if (stage == "rl" && rl.initCheckpoint.empty()) {
    return Error{"stage rl needs rl.init_checkpoint (or use stage sft_rl to run SFT first)"};
  }
  if (rl.advType == "grpo" && rl.numEnvs % rl.groupSize != 0) {
    return Error{"rl.num_envs must be a multiple of rl.group_size for GRPO"};
  }
  if (rl.groupSharedInitNoise && rl.advType != "grpo") {
    return Error{"rl.group_shared_init_noise needs GRPO groups (rl.adv_type: grpo)"};
  }
  if (rl.revisitFraction > 0.0 && rl.advType != "grpo") {
    return Error{"rl.revisit_fraction needs GRPO groups (rl.adv_type: grpo)"};
  }
  for (const auto& t : tasks) {
    if (auto task = sim::Task::create(t); !task) return Error{"tasks: " + task.error().message};
  }
  for (const auto& t : sft.tasks) {
    if (auto task = sim::Task::create(t); !task) return Error{"sft.tasks: " + task.error().message};
  }
  return {};
}

std::string TrainConfig::toYaml() { return options().toYaml(); }

Result<TrainConfig> parseTrainConfig(const std::string& yaml, const std::string& source,
                                     const std::vector<std::string>& overrides) {
  TrainConfig config;
  OptionSet options = config.options();
  if (auto s = options.loadYaml(yaml, source); !s) return s.error();
  for (const auto& o : overrides) {
    if (auto s = options.setAssignment(o); !s)
      return Error{"--set " + o + ": " + s.error().message};
  }
  if (auto s = config.validate(); !s) return Error{source + ": " + s.error().message};
  return config;
}

Result<TrainConfig> loadTrainConfig(const std::string& path,
                                    const std::vector<std::string>& overrides) {
  auto text = readFile(path);
  if (!text) return Error{"cannot read config file '" + path + "'"};
  return parseTrainConfig(text.value(), path, overrides);
}

}  // namespace pirl::rl

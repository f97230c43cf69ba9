#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Outcome {
  int exitCode = -1;
  QProcess::ExitStatus status = QProcess::CrashExit;
  QString out;
  QString err;
};

Outcome runPirl(const QStringList& args, int timeoutMs = 120000) {
  QProcess p;
  p.start(PIRL_CLI, args);
  Outcome o;
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
    return o;
  }
  o.exitCode = p.exitCode();
  o.status = p.exitStatus();
  o.out = QString::fromUtf8(p.readAllStandardOutput());
  o.err = QString::fromUtf8(p.readAllStandardError());
  return o;
}

// writes text to path; false when the file cannot be written
bool writeFile(const QString& path, const char* text) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly) && f.write(text) == static_cast<qint64>(qstrlen(text));
}

QJsonObject lastJsonLine(const QString& out) {
  const QStringList lines = out.trimmed().split('\n');
  return QJsonDocument::fromJson(lines.last().toUtf8()).object();
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

 private Q_SLOTS:
  void badInvocationsFailCleanly_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << "subcommand";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "frobnicate";
    QTest::newRow("unknown flag") << QStringList{"tasks", "--bogus"} << "--bogus";
    QTest::newRow("missing task") << QStringList{"expert", "--episodes", "3"} << "--task";
    QTest::newRow("unknown task") << QStringList{"expert", "--task", "fly", "--episodes", "1"}
                                  << "unknown task 'fly'";
    QTest::newRow("unknown variant")
        << QStringList{"expert", "--task", "reach@ood_moon", "--episodes", "1"}
        << "unknown task variant";
    QTest::newRow("non-numeric") << QStringList{"expert", "--task", "reach", "--episodes", "many"}
                                 << "--episodes";
    QTest::newRow("out of range") << QStringList{"expert", "--task", "reach", "--episodes", "0"}
                                  << "--episodes";
    QTest::newRow("bench without kind") << QStringList{"bench"} << "subcommand";
    QTest::newRow("bench bad envs")
        << QStringList{"bench", "env", "--envs", "-3", "--seconds", "0.1"} << "--envs";
    QTest::newRow("run id not a number")
        << QStringList{"eval", "--run", "abc"} << "'abc' is not a whole number";
    QTest::newRow("run id fractional")
        << QStringList{"metrics", "--run", "1.5", "--key", "x"} << "'1.5' is not a whole number";
    QTest::newRow("run id zero") << QStringList{"export", "--run", "0", "--out", "x"}
                                 << "must be at least 1, got 0";
    QTest::newRow("negative step")
        << QStringList{"eval", "--run", "1", "--checkpoint", "-2"} << "must be at least 0";
    QTest::newRow("average one checkpoint")
        << QStringList{"average", "--run", "1", "--checkpoints", "5"} << "--checkpoints";
    QTest::newRow("unwritable save") << QStringList{"expert",
                                                    "--task",
                                                    "reach",
                                                    "--episodes",
                                                    "1",
                                                    "--save",
                                                    "/nonexistent/dir/demos.pirldemo"}
                                     << "cannot";
  }

  void badInvocationsFailCleanly() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Outcome o = runPirl(args);
    QCOMPARE(o.status, QProcess::NormalExit);
    QVERIFY2(o.exitCode != 0, qPrintable(o.out));
    QVERIFY2(o.err.contains(message), qPrintable(o.err));
  }

  void ciRunsTheReadmeTestCommand() {
    QFile readme(PIRL_SOURCE_DIR "/README.md");
    QFile ci(PIRL_SOURCE_DIR "/.ci/run");
    QVERIFY(readme.open(QIODevice::ReadOnly) && ci.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    // the README opens with two bash blocks: the main job, then the tests
    const QStringList blocks = text.split("```bash\n");
    QVERIFY(blocks.size() >= 3);
    const QString testCommand = blocks[2].section("\n```", 0, 0).trimmed();
    QVERIFY(testCommand.contains("ctest"));
    QVERIFY2(QString::fromUtf8(ci.readAll()).contains(testCommand), qPrintable(testCommand));
  }

  void configReferenceDocIsCurrent() {
    const Outcome o = runPirl({"config", "--reference"});
    QCOMPARE(o.exitCode, 0);
    QFile doc(PIRL_SOURCE_DIR "/docs/config-reference.md");
    QVERIFY(doc.open(QIODevice::ReadOnly));
    QVERIFY2(QString::fromUtf8(doc.readAll()) == o.out,
             "docs/config-reference.md is stale: regenerate with pirl config --reference");
    const Outcome resolved = runPirl({"config", "--set", "policy.width=64"});
    QCOMPARE(resolved.exitCode, 0);
    QVERIFY(resolved.out.contains("width: 64"));
  }

  void presetsAreValid() {
    const QDir dir(PIRL_SOURCE_DIR "/resources/presets");
    const QStringList presets = dir.entryList({"*.yaml"});
    QVERIFY(presets.size() >= 2);
    for (const QString& p : presets) {
      const Outcome o = runPirl({"config", "--config", dir.filePath(p)});
      QVERIFY2(o.exitCode == 0, qPrintable(p + ": " + o.err));
    }
    QVERIFY(presets.filter("sft").filter("few").size() >= 1);
  }

  void tasksListsLayout() {
    const Outcome o = runPirl({"tasks", "--json"});
    QCOMPARE(o.exitCode, 0);
    const QJsonObject j = lastJsonLine(o.out);
    QCOMPARE(j["obs_dim"].toInt(), 25);
    QCOMPARE(j["action_dim"].toInt(), 5);
    QCOMPARE(j["tasks"].toArray().size(), 6);
    const Outcome text = runPirl({"tasks"});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("put_eggplant_in_basket"));
  }

  void expertReportsJsonAndSavesDemos() {
    const QString demos = m_dir.filePath("demos.pirldemo");
    const Outcome o = runPirl(
        {"expert", "--task", "reach", "--episodes", "6", "--seed", "3", "--save", demos, "--json"});
    QCOMPARE(o.exitCode, 0);
    const QJsonObject j = lastJsonLine(o.out);
    for (const char* key :
         {"task", "episodes", "success_rate", "mean_episode_len", "env_steps_per_s"}) {
      QVERIFY2(j.contains(key), key);
    }
    QCOMPARE(j["task"].toString(), QString("reach"));
    QCOMPARE(j["episodes"].toInt(), 6);
    QVERIFY(j["success_rate"].toDouble() > 0.8);
    QVERIFY(QFileInfo(demos).size() > 100);
    // same seed, same numbers
    const Outcome again =
        runPirl({"expert", "--task", "reach", "--episodes", "6", "--seed", "3", "--json"});
    QCOMPARE(lastJsonLine(again.out)["mean_episode_len"].toDouble(),
             j["mean_episode_len"].toDouble());
  }

  void scheduleReportsFlowSdeStd() {
    const Outcome o = runPirl(
        {"schedule", "--method", "flow_sde", "--steps", "4", "--noise-level", "0.5", "--json"});
    QCOMPARE(o.exitCode, 0);
    const QJsonObject j = lastJsonLine(o.out);
    const QJsonArray std = j["std"].toArray();
    QCOMPARE(std.size(), 4);
    const double expected[4] = {0.5, 0.433, 0.25, 0.144};
    for (int k = 0; k < 4; ++k) QVERIFY(std::abs(std[k].toDouble() - expected[k]) < 1e-3);
    QCOMPARE(j["t"].toArray().size(), 5);
    const Outcome noise = runPirl({"schedule", "--method", "flow_noise", "--steps", "3", "--json"});
    QCOMPARE(lastJsonLine(noise.out)["std_max"].toArray()[0].toDouble(), 0.16);
    QVERIFY(runPirl({"schedule", "--method", "ddpm"}).exitCode != 0);
  }

  void trainRecordsARunInTheDatabase() {
    const QString config = m_dir.filePath("tiny.yaml");
    QVERIFY(writeFile(config,
                      "name: tiny\ntasks: [reach]\npolicy: {width: 32, depth: 2, chunk: 4, "
                      "action_chunk: 2}\nsft: {demos_per_task: 4, epochs: 3, batch_size: 16}\n"
                      "eval: {episodes: 4, envs: 4}\n"));
    const QString db = m_dir.filePath("project.db");
    const Outcome o = runPirl({"train", "--config", config, "--db", db, "--json"});
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    const QStringList lines = o.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4);  // three epochs, then the final object
    const QJsonObject final = lastJsonLine(o.out);
    for (const char* key : {"run_id", "final_eval_success", "eval_success_per_task"}) {
      QVERIFY2(final.contains(key), key);
    }
    QVERIFY(final["eval_success_per_task"].toObject().contains("reach"));
    const int run = final["run_id"].toInt();
    QVERIFY(run > 0);
    const Outcome runs = runPirl({"runs", "--db", db, "--json"});
    QCOMPARE(runs.exitCode, 0);
    const QJsonArray list = QJsonDocument::fromJson(runs.out.toUtf8()).array();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list[0].toObject()["status"].toString(), QString("finished"));
    const Outcome csv = runPirl(
        {"metrics", "--db", db, "--run", QString::number(run), "--key", "sft/train_loss", "--csv"});
    QCOMPARE(csv.exitCode, 0);
    QCOMPARE(csv.out.trimmed().split('\n').size(), 4);  // header + three epochs
    const QString svg = m_dir.filePath("loss.svg");
    const Outcome plot = runPirl({"plot", "--db", db, "--run", QString::number(run), "--key",
                                  "sft/train_loss", "--x", "step", "--out", svg});
    QVERIFY2(plot.exitCode == 0, qPrintable(plot.err));
    QFile svgFile(svg);
    QVERIFY(svgFile.open(QIODevice::ReadOnly));
    const QByteArray svgText = svgFile.readAll();
    QVERIFY(svgText.startsWith("<svg") && svgText.contains("<polyline"));
    QVERIFY(
        runPirl({"plot", "--db", db, "--run", QString::number(run), "--key", "nope", "--out", svg})
            .exitCode != 0);
    const Outcome eval = runPirl(
        {"eval", "--db", db, "--run", QString::number(run), "--episodes", "3", "--ood", "--json"});
    QVERIFY2(eval.exitCode == 0, qPrintable(eval.err));
    const QJsonObject ev = lastJsonLine(eval.out);
    QVERIFY(ev["eval_success_per_task"].toObject().contains("reach"));
    QCOMPARE(ev["ood"].toObject().size(), 3);
    QVERIFY(ev["stored"].toBool());
    // fewer episodes than the run's own evaluation (4): stored, but the checkpoint keeps its
    // recorded success; more episodes replace it, and then the most thorough one stays
    QVERIFY(!ev["checkpoint_success_updated"].toBool());
    const Outcome more =
        runPirl({"eval", "--db", db, "--run", QString::number(run), "--episodes", "6", "--json"});
    QVERIFY2(more.exitCode == 0, qPrintable(more.err));
    QVERIFY(lastJsonLine(more.out)["checkpoint_success_updated"].toBool());
    const Outcome fewer =
        runPirl({"eval", "--db", db, "--run", QString::number(run), "--episodes", "5"});
    QVERIFY2(fewer.exitCode == 0, qPrintable(fewer.err));
    QVERIFY2(fewer.out.contains("stays the 6-episode one"), qPrintable(fewer.out));
    // another initial noise scale than the run's: reported, not recorded
    const Outcome zero = runPirl({"eval", "--db", db, "--run", QString::number(run), "--episodes",
                                  "3", "--init-noise-scale", "0", "--json"});
    QVERIFY2(zero.exitCode == 0, qPrintable(zero.err));
    QVERIFY(!lastJsonLine(zero.out)["stored"].toBool());
    QVERIFY(runPirl({"eval", "--db", db, "--run", QString::number(run), "--init-noise-scale", "-1"})
                .exitCode != 0);
    const Outcome noStep =
        runPirl({"eval", "--db", db, "--run", QString::number(run), "--checkpoint", "999"});
    QVERIFY(noStep.exitCode != 0);
    QVERIFY(noStep.err.contains("no checkpoint at step 999"));
    const Outcome missing = runPirl({"metrics", "--db", db, "--run", "99", "--key", "x"});
    QVERIFY(missing.exitCode != 0);
    QVERIFY(missing.err.contains("no run 99"));
  }

  void trainRejectsBadConfigs() {
    const QString config = m_dir.filePath("bad.yaml");
    QVERIFY(writeFile(config, "policy:\n  widht: 3\n"));
    const Outcome o = runPirl({"train", "--config", config, "--db", m_dir.filePath("b.db")});
    QVERIFY(o.exitCode != 0);
    QVERIFY2(o.err.contains("unknown option 'policy.widht'"), qPrintable(o.err));
    const Outcome set =
        runPirl({"train", "--config", PIRL_SOURCE_DIR "/resources/presets/sft_few_shot.yaml",
                 "--set", "sft.lr=-1", "--db", m_dir.filePath("b.db")});
    QVERIFY(set.exitCode != 0);
    QVERIFY2(set.err.contains("sft.lr"), qPrintable(set.err));
    const Outcome missing = runPirl({"train", "--config", "/nonexistent.yaml"});
    QVERIFY(missing.exitCode != 0);
  }

  void benchEnvReportsRates() {
    const Outcome o = runPirl({"bench", "env", "--task", "lift_cube", "--envs", "4", "--threads",
                               "2", "--seconds", "0.3", "--json"});
    QCOMPARE(o.exitCode, 0);
    const QJsonObject j = lastJsonLine(o.out);
    for (const char* key : {"env_steps_per_s", "physics_steps_per_s", "raw_physics_steps_per_s"}) {
      QVERIFY2(j[key].toDouble() > 0, key);
    }
    QCOMPARE(j["physics_steps_per_s"].toDouble() / j["env_steps_per_s"].toDouble(), 50.0);
  }

  void benchTrainTimesTheUpdateForGrpo() {
    // from a one-epoch SFT policy every stack episode fails, so every GRPO group agrees: the
    // benchmark must still time an update (on every group), not report an empty one
    const QString config = m_dir.filePath("bench.yaml");
    QVERIFY(writeFile(config,
                      "name: bench\ntasks: [stack_green_on_yellow]\npolicy: {width: 32, depth: 2, "
                      "chunk: 4, action_chunk: 2}\nsft: {demos_per_task: 2, batch_size: 16}\n"
                      "rl: {method: flow_sde_full, adv_type: grpo, group_size: 4, num_envs: 8, "
                      "minibatches: 1}\n"));
    const Outcome o =
        runPirl({"bench", "train", "--config", config, "--iterations", "1", "--json"});
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    const QJsonObject j = lastJsonLine(o.out);
    QCOMPARE(j["iterations"].toInt(), 1);
    QVERIFY(j["all_groups_kept"].toBool());
    for (const char* key : {"env_steps_per_s", "update_s_per_iteration", "ppo_samples_per_s"}) {
      QVERIFY2(j[key].toDouble() > 0, key);
    }
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"

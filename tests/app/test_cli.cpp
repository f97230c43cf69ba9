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
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"

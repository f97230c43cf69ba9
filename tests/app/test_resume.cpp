#include <sqlite3.h>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

#include "core/storage/database.h"

using namespace pirl::storage;

// Upper bound on waiting for a child `pirl` to make progress. Generous on purpose: the CI box
// has two cores that ctest -j2 shares, and the second Ctrl-C case evaluates 3 000 episodes
// before its first iteration (138 s once under load). Behaviour is asserted, not speed.
constexpr int kProgressMs = 600000;

// kill -9 in the middle of an RL run, then `pirl train --resume`
class TestResume : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

  QString writeConfig(const QString& name, const QString& text) {
    const QString path = m_dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text.toUtf8());
    return path;
  }

  static std::int64_t newestRun(const std::string& db) {
    std::int64_t id = 0;
    auto d = Database::open(db);
    if (!d) return id;
    const auto runs = d.value()->runs();
    if (runs) {
      for (const auto& r : runs.value()) id = std::max(id, r.id);
    }
    return id;
  }

  static int committedIterations(const std::string& db, std::int64_t run) {
    auto d = Database::open(db);
    if (!d) return -1;
    auto m = d.value()->metric(run, "time/rollout_s");
    return m ? static_cast<int>(m->size()) : -1;
  }

  // `pirl train ARGS` must refuse, saying `message`, and leave run 2's status as `status`
  static void expectRefused(const QString& db, const QStringList& args, const QString& message,
                            const std::string& status) {
    QProcess p;
    p.start(PIRL_CLI, QStringList{"train", "--db", db} + args);
    QVERIFY(p.waitForFinished(60000));
    QVERIFY(p.exitCode() > 0);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
    QCOMPARE(Database::open(db.toStdString()).value()->run(2).value().status, status);
  }

  // `pirl train --json ARGS` must succeed: its JSON lines (empty when it failed)
  static QStringList trainLines(const QString& db, const QStringList& args) {
    QProcess p;
    p.start(PIRL_CLI, QStringList{"train", "--json", "--db", db} + args);
    if (!p.waitForFinished(kProgressMs) || p.exitCode() != 0) {
      qWarning("%s", p.readAllStandardError().constData());
      return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed().split('\n');
  }

  // a weak SFT policy to start from (made once, in the test's project database)
  QString m_checkpoint;
  QString sftCheckpoint(const QString& db) {
    if (!m_checkpoint.isEmpty()) return m_checkpoint;
    QProcess sft;
    sft.start(PIRL_CLI, {"train", "--json", "--db", db, "--config",
                         writeConfig("sft.yaml",
                                     "tasks: [reach]\npolicy: {width: 32, chunk: 4, "
                                     "action_chunk: 2}\nsft: {demos_per_task: 3, epochs: 5}\n"
                                     "eval: {episodes: 4, envs: 4}\n")});
    if (!sft.waitForFinished(kProgressMs) || sft.exitCode() != 0) return {};
    const QString lastLine =
        QString::fromUtf8(sft.readAllStandardOutput()).trimmed().split('\n').last();
    m_checkpoint = QJsonDocument::fromJson(lastLine.toUtf8()).object()["checkpoint"].toString();
    return m_checkpoint;
  }

  QString rlConfig(const QString& name, int iterations, int evalEpisodes = 4) {
    return writeConfig(name,
                       "stage: rl\ntasks: [reach]\npolicy: {width: 32, chunk: 4, "
                       "action_chunk: 2}\nrl: {init_checkpoint: " +
                           m_checkpoint + ", iterations: " + QString::number(iterations) +
                           ", num_envs: 8, rollout_chunks: 6, checkpoint_every: 5}\n"
                           "eval: {episodes: " +
                           QString::number(evalEpisodes) + ", envs: 4, ood: false}\n");
  }

 private Q_SLOTS:
  void killedRunResumesWhereItsDatabaseEnds() {
    const QString db = m_dir.filePath("project.db");
    const QString checkpoint = sftCheckpoint(db);
    QVERIFY(!checkpoint.isEmpty());

    QProcess rl;
    rl.start(PIRL_CLI, {"train", "--json", "--db", db, "--config", rlConfig("rl.yaml", 12)});
    QVERIFY(rl.waitForStarted());
    // wait for a few committed iterations, then kill without warning
    const std::string dbPath = db.toStdString();
    QTRY_VERIFY_WITH_TIMEOUT(committedIterations(dbPath, 2) >= 3, kProgressMs);
    ::kill(static_cast<pid_t>(rl.processId()), SIGKILL);
    QVERIFY(rl.waitForFinished(10000));
    const int before = committedIterations(dbPath, 2);
    QVERIFY(before >= 3 && before < 12);

    // the database is intact and says the run is still "running"
    sqlite3* raw = nullptr;
    QCOMPARE(sqlite3_open(dbPath.c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &st, nullptr);
    QCOMPARE(sqlite3_step(st), SQLITE_ROW);
    QCOMPARE(QString(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))), QString("ok"));
    sqlite3_finalize(st);
    sqlite3_close(raw);
    QCOMPARE(Database::open(dbPath).value()->run(2).value().status, std::string("running"));

    // a resumed run keeps its config: only the thread and iteration counts may change
    expectRefused(db, {"--resume", "2", "--set", "rl.actor_lr=0.1"}, "only --set threads=N",
                  "running");
    if (QTest::currentTestFailed()) return;

    const QStringList lines = trainLines(db, {"--resume", "2", "--set", "threads=1"});
    QVERIFY(!lines.isEmpty());
    // it picked up right after the last committed iteration (the rolling checkpoint)
    const int firstResumed =
        QJsonDocument::fromJson(lines.first().toUtf8()).object()["iteration"].toInt();
    QCOMPARE(firstResumed, before + 1);
    const auto final = QJsonDocument::fromJson(lines.last().toUtf8()).object();
    QCOMPARE(final["run_id"].toInt(), 2);
    QCOMPARE(final["steps"].toInt(), 12);

    auto database = Database::open(dbPath).value();
    const auto series = database->metric(2, "time/rollout_s").value();
    QCOMPARE(int(series.size()), 12);
    for (int i = 0; i < 12; ++i) QCOMPARE(series[i].step, std::int64_t(i + 1));
    QCOMPARE(database->run(2).value().status, std::string("finished"));
    // a finished run cannot be resumed again
    expectRefused(db, {"--resume", "2"}, "already completed", "finished");
    if (QTest::currentTestFailed()) return;

    // ... but it can be trained further: more iterations, recorded in its stored config
    expectRefused(db, {"--resume", "2", "--set", "rl.iterations=10"}, "must exceed it", "finished");
    if (QTest::currentTestFailed()) return;
    const QStringList more = trainLines(db, {"--resume", "2", "--set", "rl.iterations=15"});
    QVERIFY(!more.isEmpty());
    const auto first = QJsonDocument::fromJson(more.first().toUtf8()).object();
    QCOMPARE(first["iteration"].toInt(), 13);
    QCOMPARE(first["iterations"].toInt(), 15);
    QCOMPARE(QJsonDocument::fromJson(more.last().toUtf8()).object()["steps"].toInt(), 15);
    auto reopened = Database::open(dbPath).value();
    QCOMPARE(int(reopened->metric(2, "time/rollout_s").value().size()), 15);
    const auto extended = reopened->run(2).value();
    QCOMPARE(extended.status, std::string("finished"));
    QVERIFY(QString::fromStdString(extended.config).contains("iterations: 15"));
  }

  // Ctrl-C: the run stops with a checkpoint, says what it is doing, and exits with 130; a
  // second Ctrl-C quits at once
  void ctrlCStopsCleanlyAndASecondOneQuits() {
    const QString db = m_dir.filePath("project.db");
    QVERIFY(!sftCheckpoint(db).isEmpty());
    const std::string dbPath = db.toStdString();
    for (const bool twice : {false, true}) {
      const std::int64_t before = newestRun(dbPath);
      QProcess rl;
      rl.start(PIRL_CLI, {"train", "--json", "--db", db, "--config",
                          // twice: an evaluation long enough to press Ctrl-C again during it
                          twice ? rlConfig("rl_twice.yaml", 100000, 3000)
                                : rlConfig("rl_once.yaml", 100000)});
      QVERIFY(rl.waitForStarted());
      std::int64_t run = 0;
      QTRY_VERIFY_WITH_TIMEOUT(
          (run = newestRun(dbPath)) > before && committedIterations(dbPath, run) >= 2, kProgressMs);
      ::kill(static_cast<pid_t>(rl.processId()), SIGINT);
      if (!twice) {
        // the same interrupt delivered twice at once (`timeout -s INT` signals the process and
        // then its group) is one Ctrl-C, not two
        ::kill(static_cast<pid_t>(rl.processId()), SIGINT);
      } else {
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += rl.readAllStandardError()).contains("Ctrl-C again"),
                                 60000);
        QTest::qWait(1000);  // a second, separate press
        QVERIFY(rl.state() == QProcess::Running);
        ::kill(static_cast<pid_t>(rl.processId()), SIGINT);
        QVERIFY(rl.waitForFinished(30000));
        QCOMPARE(rl.exitStatus(), QProcess::CrashExit);  // ended by the signal itself
        continue;
      }
      QVERIFY(rl.waitForFinished(kProgressMs));
      QCOMPARE(rl.exitStatus(), QProcess::NormalExit);
      QCOMPARE(rl.exitCode(), 130);
      QVERIFY(QString::fromUtf8(rl.readAllStandardError()).contains("saving a checkpoint"));
      const auto final = QJsonDocument::fromJson(
          QString::fromUtf8(rl.readAllStandardOutput()).trimmed().split('\n').last().toUtf8());
      QCOMPARE(final.object()["stopped"].toBool(), true);
      const int done = committedIterations(dbPath, run);
      auto database = Database::open(dbPath).value();
      QCOMPARE(final.object()["steps"].toInt(), done);
      QCOMPARE(database->run(run).value().status, std::string("stopped"));
      // the final checkpoint is the stopped iteration's, on disk
      const auto checkpoints = database->checkpoints(run).value();
      QVERIFY(!checkpoints.empty());
      QCOMPARE(checkpoints.back().step, std::int64_t(done));
      QVERIFY(QFileInfo::exists(QString::fromStdString(checkpoints.back().path)));
      // its evaluation is the last point of the run's evaluation curve
      const auto curve = database->metric(run, "eval/success_once").value();
      QVERIFY(!curve.empty());
      QCOMPARE(curve.back().step, std::int64_t(done));
      QVERIFY(checkpoints.back().evalSuccess.has_value());
      QCOMPARE(curve.back().value, *checkpoints.back().evalSuccess);
      QCOMPARE(curve.back().value, final.object()["final_eval_success"].toDouble());
    }
  }
};

QTEST_GUILESS_MAIN(TestResume)
#include "test_resume.moc"

#include <sqlite3.h>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

#include "core/storage/database.h"

using namespace pirl::storage;

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

  static int committedIterations(const std::string& db, std::int64_t run) {
    auto d = Database::open(db);
    if (!d) return -1;
    auto m = d.value()->metric(run, "time/rollout_s");
    return m ? static_cast<int>(m->size()) : -1;
  }

 private Q_SLOTS:
  void killedRunResumesWhereItsDatabaseEnds() {
    const QString db = m_dir.filePath("project.db");
    // a weak SFT policy to start from
    QProcess sft;
    sft.start(PIRL_CLI, {"train", "--json", "--db", db, "--config",
                         writeConfig("sft.yaml",
                                     "tasks: [reach]\npolicy: {width: 32, chunk: 4, "
                                     "action_chunk: 2}\nsft: {demos_per_task: 3, epochs: 5}\n"
                                     "eval: {episodes: 4, envs: 4}\n")});
    QVERIFY(sft.waitForFinished(120000));
    QCOMPARE(sft.exitCode(), 0);
    const QString lastLine =
        QString::fromUtf8(sft.readAllStandardOutput()).trimmed().split('\n').last();
    const QString checkpoint =
        QJsonDocument::fromJson(lastLine.toUtf8()).object()["checkpoint"].toString();
    QVERIFY(!checkpoint.isEmpty());

    const QString rlConfig =
        writeConfig("rl.yaml",
                    "stage: rl\ntasks: [reach]\npolicy: {width: 32, chunk: 4, action_chunk: 2}\n"
                    "rl: {init_checkpoint: " +
                        checkpoint +
                        ", iterations: 12, num_envs: 8, rollout_chunks: 6, checkpoint_every: 5}\n"
                        "eval: {episodes: 4, envs: 4, ood: false}\n");
    QProcess rl;
    rl.start(PIRL_CLI, {"train", "--json", "--db", db, "--config", rlConfig});
    QVERIFY(rl.waitForStarted());
    // wait for a few committed iterations, then kill without warning
    const std::string dbPath = db.toStdString();
    QTRY_VERIFY_WITH_TIMEOUT(committedIterations(dbPath, 2) >= 3, 120000);
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

    QProcess resume;
    resume.start(PIRL_CLI, {"train", "--json", "--db", db, "--resume", "2"});
    QVERIFY(resume.waitForFinished(180000));
    QVERIFY2(resume.exitCode() == 0, resume.readAllStandardError().constData());
    const QStringList lines =
        QString::fromUtf8(resume.readAllStandardOutput()).trimmed().split('\n');
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
    QProcess again;
    again.start(PIRL_CLI, {"train", "--db", db, "--resume", "2"});
    QVERIFY(again.waitForFinished(60000));
    QVERIFY(again.exitCode() != 0);
    QVERIFY(QString::fromUtf8(again.readAllStandardError()).contains("already completed"));
  }
};

QTEST_GUILESS_MAIN(TestResume)
#include "test_resume.moc"

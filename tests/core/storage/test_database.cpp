#include <sqlite3.h>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/storage/database.h"

using namespace pirl::storage;

namespace {

// the text of one column of the first row a query returns, read with plain SQLite
std::string rawText(const std::string& file, const std::string& sql) {
  sqlite3* raw = nullptr;
  sqlite3_open(file.c_str(), &raw);
  sqlite3_stmt* q = nullptr;
  std::string out = "<no row>";
  if (sqlite3_prepare_v2(raw, sql.c_str(), -1, &q, nullptr) == SQLITE_OK &&
      sqlite3_step(q) == SQLITE_ROW) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
  }
  sqlite3_finalize(q);
  sqlite3_close(raw);
  return out;
}

// changes the working directory for one scope
struct WorkingDirectory {
  explicit WorkingDirectory(const std::filesystem::path& dir)
      : previous(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~WorkingDirectory() { std::filesystem::current_path(previous); }
  std::filesystem::path previous;
};

RunRecord sampleRun(const std::string& name) {
  RunRecord r;
  r.name = name;
  r.stage = "sft";
  r.tasks = "reach";
  r.config = "name: " + name + "\n";
  r.seed = 7;
  r.versions = "{}";
  r.device = "cpu";
  return r;
}

}  // namespace

class TestDatabase : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

  std::string path(const char* name) { return (m_dir.path() + "/" + name).toStdString(); }

 private Q_SLOTS:
  void createsAndReopensWithTheCurrentSchema() {
    auto db = Database::open(path("a.db"));
    QVERIFY2(db.ok(), db.ok() ? "" : db.error().message.c_str());
    QCOMPARE(db.value()->schemaVersion(), kSchemaVersion);
    auto id = db.value()->createRun(sampleRun("first"));
    QVERIFY(id.ok());
    db.value().reset();
    auto again = Database::open(path("a.db"));
    QVERIFY(again.ok());
    auto runs = again.value()->runs();
    QVERIFY(runs.ok());
    QCOMPARE(runs->size(), std::size_t(1));
    QCOMPARE(runs->front().name, std::string("first"));
    QCOMPARE(runs->front().status, std::string("running"));
    QVERIFY(!runs->front().startedAt.empty());
  }

  void refusesForeignAndNewerFiles() {
    {
      std::ofstream f(path("text.db"));
      f << "this is not a database, just some text that is long enough to be a page";
    }
    auto text = Database::open(path("text.db"));
    QVERIFY(!text.ok());
    QVERIFY(text.error().message.find("text.db") != std::string::npos);

    sqlite3* raw = nullptr;
    sqlite3_open(path("other.db").c_str(), &raw);
    sqlite3_exec(raw, "CREATE TABLE things(x)", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    auto other = Database::open(path("other.db"));
    QVERIFY(!other.ok());
    QVERIFY(other.error().message.find("not a PiRL Studio project") != std::string::npos);

    QVERIFY(Database::open(path("newer.db")).ok());
    sqlite3_open(path("newer.db").c_str(), &raw);
    sqlite3_exec(raw, "UPDATE schema_version SET version = 99", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    auto newer = Database::open(path("newer.db"));
    QVERIFY(!newer.ok());
    QVERIFY(newer.error().message.find("newer than this build") != std::string::npos);
  }

  void metricsAreQueriedByRangeAndReplaced() {
    auto db = Database::open(path("m.db")).value();
    const auto run = db->createRun(sampleRun("m")).value();
    QVERIFY(db->begin().ok());
    for (int step = 0; step < 100; ++step) {
      QVERIFY(
          db->addMetrics(run, step, step * 10, step * 0.5,
                         {{"train/loss", 1.0 / (step + 1)}, {"eval/success_once", step / 100.0}})
              .ok());
    }
    QVERIFY(db->commit().ok());
    auto keys = db->metricKeys(run).value();
    QCOMPARE(keys, (std::vector<std::string>{"eval/success_once", "train/loss"}));
    auto all = db->metric(run, "train/loss").value();
    QCOMPARE(all.size(), std::size_t(100));
    QCOMPARE(all[10].envSteps, std::int64_t(100));
    auto slice = db->metric(run, "train/loss", 20, 29).value();
    QCOMPARE(slice.size(), std::size_t(10));
    QCOMPARE(slice.front().step, std::int64_t(20));
    // logging the same step again replaces it (a resumed iteration)
    QVERIFY(db->addMetrics(run, 20, 200, 10.0, {{"train/loss", 42.0}}).ok());
    QCOMPARE(db->metric(run, "train/loss", 20, 20).value().front().value, 42.0);
    QCOMPARE(db->metric(run, "missing").value().size(), std::size_t(0));
  }

  void summariesReportBestAndLastSuccess() {
    auto db = std::move(Database::open(path("s.db")).value());
    const auto evaluated = db->createRun(sampleRun("evaluated")).value();
    const auto bare = db->createRun(sampleRun("bare")).value();
    QVERIFY(db->addMetrics(evaluated, 0, 0, 0.0, {{"eval/success_once", 0.5}}).ok());
    QVERIFY(
        db->addMetrics(evaluated, 5, 500, 12.5, {{"eval/success_once", 0.9}, {"train/loss", 1.0}})
            .ok());
    QVERIFY(db->addMetrics(evaluated, 9, 900, 20.0, {{"eval/success_once", 0.7}}).ok());
    auto summaries = db->runSummaries();
    QVERIFY(summaries.ok());
    QCOMPARE(summaries.value().size(), size_t(2));
    const auto& b = summaries.value()[0];
    QCOMPARE(b.run, bare);
    QVERIFY(!b.bestSuccess && !b.lastSuccess);
    QCOMPARE(b.envSteps, std::int64_t(0));
    const auto& e = summaries.value()[1];
    QCOMPARE(e.run, evaluated);
    QCOMPARE(*e.bestSuccess, 0.9);
    QCOMPARE(*e.lastSuccess, 0.7);
    QCOMPARE(e.lastStep, std::int64_t(9));
    QCOMPARE(e.envSteps, std::int64_t(900));
    QCOMPARE(e.wallTime, 20.0);
  }

  void rolledBackIterationLeavesNothing() {
    auto db = Database::open(path("tx.db")).value();
    const auto run = db->createRun(sampleRun("tx")).value();
    QVERIFY(db->begin().ok());
    QVERIFY(db->addMetrics(run, 1, 1, 1, {{"a", 1}}).ok());
    db->rollback();
    QCOMPARE(db->metric(run, "a").value().size(), std::size_t(0));
  }

  void readersSeeCommittedDataWhileAWriterWorks() {
    auto writer = Database::open(path("wal.db")).value();
    auto reader = Database::open(path("wal.db")).value();
    const auto run = writer->createRun(sampleRun("wal")).value();
    QVERIFY(writer->addMetrics(run, 0, 0, 0, {{"x", 1}}).ok());
    QVERIFY(writer->begin().ok());
    QVERIFY(writer->addMetrics(run, 1, 0, 0, {{"x", 2}}).ok());
    // the open write transaction neither blocks nor leaks into the reader
    QCOMPARE(reader->metric(run, "x").value().size(), std::size_t(1));
    QVERIFY(writer->commit().ok());
    QCOMPARE(reader->metric(run, "x").value().size(), std::size_t(2));
  }

  void checkpointsEpisodesAndCascadingDelete() {
    auto db = Database::open(path("c.db")).value();
    const auto run = db->createRun(sampleRun("c")).value();
    CheckpointRecord ck;
    ck.run = run;
    ck.step = 100;
    ck.path = "/tmp/x/step_100";
    ck.sha256 = std::string(64, 'a');
    ck.sizeBytes = 1234;
    const auto ckId = db->addCheckpoint(ck).value();
    QVERIFY(db->setCheckpointEval(ckId, 0.75).ok());
    auto cks = db->checkpoints(run).value();
    QCOMPARE(cks.size(), std::size_t(1));
    QCOMPARE(*cks.front().evalSuccess, 0.75);

    EpisodeRecord ep;
    ep.run = run;
    ep.step = 3;
    ep.task = "reach";
    ep.seed = 99;
    ep.success = true;
    ep.episodeReturn = 1.0;
    ep.length = 4;
    ep.stateDim = 3;
    for (int i = 0; i < 15; ++i) ep.states.push_back(0.1f * i);
    QVERIFY(db->addEpisode(ep).ok());
    auto eps = db->episodes(run, 3).value();
    QCOMPARE(eps.size(), std::size_t(1));
    QCOMPARE(eps.front().states, ep.states);
    QCOMPARE(eps.front().seed, std::uint64_t(99));

    // a forked run points at its parent
    RunRecord child = sampleRun("child");
    child.parentRun = run;
    child.parentCheckpoint = ckId;
    const auto childId = db->createRun(child).value();
    QCOMPARE(db->run(childId).value().parentCheckpoint, ckId);

    QVERIFY(db->renameRun(run, "renamed").ok());
    QVERIFY(!db->renameRun(run, "").ok());
    QVERIFY(db->setRunTagsNotes(run, "a,b", "note").ok());
    QCOMPARE(db->run(run).value().tags, std::string("a,b"));
    QVERIFY(db->setRunStatus(run, "finished").ok());
    QVERIFY(!db->run(run).value().endedAt.empty());

    QVERIFY(db->deleteRun(run).ok());
    QVERIFY(!db->run(run).ok());
    QCOMPARE(db->checkpoints(run).value().size(), std::size_t(0));
    QCOMPARE(db->episodes(run, 3).value().size(), std::size_t(0));
    QCOMPARE(db->run(childId).value().parentRun, std::int64_t(0));
    QVERIFY(!db->deleteRun(run).ok());
  }

  void pathsFollowTheDatabaseFolder() {
    namespace fs = std::filesystem;
    const fs::path base = fs::path(path("paths")).lexically_normal();
    const fs::path project = base / "project";
    const fs::path inside = project / "runs" / "p-1" / "checkpoints" / "step_5";
    const fs::path outside = base / "elsewhere" / "step_7";
    fs::create_directories(inside);
    fs::create_directories(outside);
    const std::string file = (project / "p.db").string();
    std::int64_t run = 0;
    {
      auto db = Database::open(file).value();
      RunRecord r = sampleRun("p");
      r.runDir = (project / "runs" / "p-1").string();
      run = db->createRun(r).value();
      CheckpointRecord ck;
      ck.run = run;
      ck.step = 5;
      ck.sha256 = std::string(64, 'a');
      ck.path = inside.string();
      QVERIFY(db->addCheckpoint(ck).ok());
      ck.step = 7;
      ck.path = outside.string();
      QVERIFY(db->addCheckpoint(ck).ok());
      // a spelling relative to the working directory names the same row
      WorkingDirectory cwd(project);
      auto found = db->checkpointAt("runs/p-1/checkpoints/step_5");
      QVERIFY(found.ok() && found.value());
      QCOMPARE(found.value()->step, std::int64_t(5));
      QCOMPARE(found.value()->path, inside.string());
    }
    // stored relative to the database's folder inside it, absolute outside it
    QCOMPARE(rawText(file, "SELECT run_dir FROM runs"), std::string("runs/p-1"));
    QCOMPARE(rawText(file, "SELECT path FROM checkpoints WHERE step = 5"),
             std::string("runs/p-1/checkpoints/step_5"));
    QCOMPARE(rawText(file, "SELECT path FROM checkpoints WHERE step = 7"), outside.string());

    // the project folder moves; opened from another working directory, paths still resolve
    const fs::path moved = base / "moved";
    fs::rename(project, moved);
    WorkingDirectory cwd(base / "elsewhere");
    auto db = Database::open((moved / "p.db").string()).value();
    QCOMPARE(db->run(run).value().runDir, (moved / "runs" / "p-1").string());
    QCOMPARE(db->runs().value().front().runDir, (moved / "runs" / "p-1").string());
    auto cks = db->checkpoints(run).value();
    QCOMPARE(cks.size(), std::size_t(2));
    QCOMPARE(cks[0].path, (moved / "runs" / "p-1" / "checkpoints" / "step_5").string());
    QVERIFY(fs::exists(cks[0].path));
    QCOMPARE(cks[1].path, outside.string());

    // the folder as the browser passes it (absolute) and with a trailing slash name the row;
    // a spelling relative to an unrelated working directory does not
    auto found = db->checkpointAt(cks[0].path + "/");
    QVERIFY(found.ok() && found.value());
    QCOMPARE(found.value()->step, std::int64_t(5));
    fs::create_directories(base / "elsewhere" / "runs" / "p-1" / "checkpoints" / "step_5");
    auto stranger = db->checkpointAt("runs/p-1/checkpoints/step_5");
    QVERIFY(stranger.ok());
    QVERIFY(!stranger.value());
    // a row whose folder is missing stays in the database's folder, even when the working
    // directory has a folder of that name (it is not this project's)
    CheckpointRecord gone;
    gone.run = run;
    gone.step = 11;
    gone.sha256 = std::string(64, 'b');
    gone.path = (moved / "runs" / "p-1" / "checkpoints" / "step_11").string();
    QVERIFY(db->addCheckpoint(gone).ok());
    fs::create_directories(base / "elsewhere" / "runs" / "p-1" / "checkpoints" / "step_11");
    QCOMPARE(db->checkpoints(run).value().back().path, gone.path);
  }

  void migratesVersion2PathsAsTheirWriterSpelledThem() {
    namespace fs = std::filesystem;
    const fs::path base = fs::path(path("v2")).lexically_normal();
    fs::create_directories(base / "db");
    fs::create_directories(base / "cwd" / "legacy" / "step_9");
    const std::string file = (base / "db" / "old.db").string();
    QVERIFY(Database::open(file).ok());
    // the version-2 layout: no db_relative columns, paths as the writing process spelled them
    {
      sqlite3* raw = nullptr;
      sqlite3_open(file.c_str(), &raw);
      const char* sql =
          "ALTER TABLE checkpoints DROP COLUMN db_relative;"
          "ALTER TABLE runs DROP COLUMN db_relative;"
          "UPDATE schema_version SET version = 2;"
          "INSERT INTO runs(name, status, config, seed, versions, device, started_at, run_dir) "
          "VALUES('old', 'finished', '', 0, '{}', 'cpu', '', 'legacy');"
          "INSERT INTO checkpoints(run, step, path, sha256, size_bytes, created_at) "
          "VALUES(1, 9, 'legacy/step_9', '', 0, '');";
      QCOMPARE(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr), SQLITE_OK);
      sqlite3_close(raw);
    }
    WorkingDirectory cwd(base / "cwd");
    auto db = Database::open(file);
    QVERIFY2(db.ok(), db.ok() ? "" : db.error().message.c_str());
    QCOMPARE(db.value()->schemaVersion(), kSchemaVersion);
    // found relative to the working directory that wrote them
    QCOMPARE(db.value()->run(1).value().runDir, (base / "cwd" / "legacy").string());
    const auto cks = db.value()->checkpoints(1).value();
    QCOMPARE(cks.size(), std::size_t(1));
    QCOMPARE(cks[0].path, (base / "cwd" / "legacy" / "step_9").string());
    auto legacy = db.value()->checkpointAt("legacy/step_9");
    QVERIFY(legacy.ok() && legacy.value());
    QCOMPARE(legacy.value()->step, std::int64_t(9));
  }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "test_database.moc"

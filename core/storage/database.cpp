#include "core/storage/database.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <zlib.h>

#include <climits>
#include <cstring>
#include <filesystem>

#include "core/common/clock.h"
#include "core/common/file_util.h"

namespace pirl::storage {

namespace {

// each entry migrates from version i to i + 1
const char* const kMigrations[] = {
    R"SQL(
CREATE TABLE runs(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  stage TEXT NOT NULL DEFAULT '',
  algorithm TEXT NOT NULL DEFAULT '',
  tasks TEXT NOT NULL DEFAULT '',
  config TEXT NOT NULL,
  seed INTEGER NOT NULL,
  versions TEXT NOT NULL,
  device TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT NOT NULL DEFAULT '',
  parent_run INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  parent_checkpoint INTEGER REFERENCES checkpoints(id) ON DELETE SET NULL,
  run_dir TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '');
CREATE TABLE metric_keys(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE);
CREATE TABLE metrics(
  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  key INTEGER NOT NULL REFERENCES metric_keys(id),
  step INTEGER NOT NULL,
  env_steps INTEGER NOT NULL,
  wall_time REAL NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY(run, key, step)) WITHOUT ROWID;
CREATE TABLE checkpoints(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  env_steps INTEGER NOT NULL DEFAULT 0,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  eval_success REAL,
  created_at TEXT NOT NULL,
  UNIQUE(run, step));
CREATE TABLE episodes(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  step INTEGER NOT NULL,
  task TEXT NOT NULL,
  seed INTEGER NOT NULL,
  success INTEGER NOT NULL,
  return REAL NOT NULL,
  length INTEGER NOT NULL,
  state_dim INTEGER NOT NULL DEFAULT 0,
  states BLOB);
CREATE INDEX episodes_run_step ON episodes(run, step);
)SQL",
    // version 2: stored evaluations of checkpoints, per task and variant
    R"SQL(
CREATE TABLE evaluations(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  checkpoint INTEGER NOT NULL REFERENCES checkpoints(id) ON DELETE CASCADE,
  task TEXT NOT NULL,
  variant TEXT NOT NULL DEFAULT '',
  episodes INTEGER NOT NULL,
  success REAL NOT NULL,
  created_at TEXT NOT NULL);
CREATE INDEX evaluations_checkpoint ON evaluations(checkpoint);
)SQL",
    // version 3: run folders and checkpoint paths relative to the database's folder (rows
    // before it keep 0: spelled as the writing process did)
    R"SQL(
ALTER TABLE runs ADD COLUMN db_relative INTEGER NOT NULL DEFAULT 0;
ALTER TABLE checkpoints ADD COLUMN db_relative INTEGER NOT NULL DEFAULT 0;
)SQL",
};
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == kSchemaVersion);

std::string compress(const std::vector<float>& values) {
  if (values.empty()) return {};
  const auto* src = reinterpret_cast<const Bytef*>(values.data());
  const uLong srcLen = static_cast<uLong>(values.size() * sizeof(float));
  uLongf dstLen = compressBound(srcLen);
  std::string out(sizeof(std::uint64_t) + dstLen, '\0');
  const std::uint64_t raw = srcLen;
  std::memcpy(out.data(), &raw, sizeof(raw));
  compress2(reinterpret_cast<Bytef*>(out.data() + sizeof(raw)), &dstLen, src, srcLen, 6);
  out.resize(sizeof(raw) + dstLen);
  return out;
}

Result<std::vector<float>> decompress(const void* data, int size) {
  if (size == 0) return std::vector<float>{};
  std::uint64_t raw = 0;
  if (size < static_cast<int>(sizeof(raw))) return Error{"episode states are corrupt"};
  std::memcpy(&raw, data, sizeof(raw));
  if (raw % sizeof(float) != 0 || raw > (1ULL << 32)) return Error{"episode states are corrupt"};
  std::vector<float> out(raw / sizeof(float));
  uLongf dstLen = static_cast<uLongf>(raw);
  const int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &dstLen,
                            static_cast<const Bytef*>(data) + sizeof(raw),
                            static_cast<uLong>(size - sizeof(raw)));
  if (rc != Z_OK || dstLen != raw) return Error{"episode states are corrupt"};
  return out;
}

/// The columns runFromRow reads, in its order.
constexpr const char* kRunColumns =
    "id, name, status, stage, algorithm, tasks, config, seed, versions, device, started_at, "
    "ended_at, parent_run, parent_checkpoint, run_dir, tags, notes, db_relative";
constexpr int kRunDbRelativeColumn = 17;

/// The columns checkpointFromRow reads, in its order.
constexpr const char* kCheckpointSelect =
    "SELECT id, run, step, env_steps, path, sha256, size_bytes, eval_success, created_at, "
    "db_relative FROM checkpoints ";
constexpr int kCheckpointDbRelativeColumn = 9;

// runs a database call, turning SQLite exceptions into an Error naming the action
template <typename F>
auto guarded(const std::string& what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    return Error{"database error while " + what + ": " + e.what()};
  }
}

}  // namespace

Database::Database(std::string path) : m_path(std::move(path)) {
  if (m_path.empty() || m_path == ":memory:") return;
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(m_path, ec);
  if (!ec) m_dir = absolute.lexically_normal().parent_path().string();
}

Database::~Database() = default;

// Run folders and checkpoint paths are stored relative to the database's folder (absolute when
// outside it), so a project folder can be moved or opened from any working directory.
std::string Database::storedPath(const std::string& path) const {
  if (path.empty() || m_dir.empty()) return path;
  namespace fs = std::filesystem;
  fs::path given(path);
  if (!given.has_filename()) given = given.parent_path();  // a trailing slash
  std::error_code ec;
  const fs::path absolute = fs::absolute(given, ec).lexically_normal();
  if (ec) return path;
  auto inside = [](const fs::path& relative) {
    return !relative.empty() && *relative.begin() != "..";
  };
  fs::path relative = absolute.lexically_relative(m_dir);
  if (inside(relative)) return relative.string();
  // the same folders spelled through a symbolic link
  const fs::path real = fs::weakly_canonical(absolute, ec);
  const fs::path realDir = ec ? fs::path() : fs::weakly_canonical(m_dir, ec);
  if (!ec) relative = real.lexically_relative(realDir);
  if (!ec && inside(relative)) return relative.string();
  return absolute.string();
}

// Rows of schema version 2 and before hold a path as the writing process spelled it: relative
// to its working directory when --db was relative. Such a row is read relative to the
// database's folder when that exists, else relative to the working directory.
std::string Database::usablePath(const std::string& stored, bool dbRelative) const {
  namespace fs = std::filesystem;
  if (stored.empty() || m_dir.empty() || fs::path(stored).is_absolute()) return stored;
  const fs::path inFolder = (fs::path(m_dir) / stored).lexically_normal();
  if (dbRelative) return inFolder.string();
  std::error_code ec;
  if (!fs::exists(inFolder, ec) && fs::exists(stored, ec)) {
    return fs::absolute(stored).lexically_normal().string();
  }
  return inFolder.string();
}

RunRecord Database::runFromRow(SQLite::Statement& q) const {
  RunRecord r;
  r.id = q.getColumn(0).getInt64();
  r.name = q.getColumn(1).getString();
  r.status = q.getColumn(2).getString();
  r.stage = q.getColumn(3).getString();
  r.algorithm = q.getColumn(4).getString();
  r.tasks = q.getColumn(5).getString();
  r.config = q.getColumn(6).getString();
  r.seed = static_cast<std::uint64_t>(q.getColumn(7).getInt64());
  r.versions = q.getColumn(8).getString();
  r.device = q.getColumn(9).getString();
  r.startedAt = q.getColumn(10).getString();
  r.endedAt = q.getColumn(11).getString();
  r.parentRun = q.getColumn(12).isNull() ? 0 : q.getColumn(12).getInt64();
  r.parentCheckpoint = q.getColumn(13).isNull() ? 0 : q.getColumn(13).getInt64();
  r.runDir =
      usablePath(q.getColumn(14).getString(), q.getColumn(kRunDbRelativeColumn).getInt() != 0);
  r.tags = q.getColumn(15).getString();
  r.notes = q.getColumn(16).getString();
  return r;
}

CheckpointRecord Database::checkpointFromRow(SQLite::Statement& q) const {
  CheckpointRecord c;
  c.id = q.getColumn(0).getInt64();
  c.run = q.getColumn(1).getInt64();
  c.step = q.getColumn(2).getInt64();
  c.envSteps = q.getColumn(3).getInt64();
  c.path = usablePath(q.getColumn(4).getString(),
                      q.getColumn(kCheckpointDbRelativeColumn).getInt() != 0);
  c.sha256 = q.getColumn(5).getString();
  c.sizeBytes = q.getColumn(6).getInt64();
  if (!q.getColumn(7).isNull()) c.evalSuccess = q.getColumn(7).getDouble();
  c.createdAt = q.getColumn(8).getString();
  return c;
}

Result<std::string> Database::defaultPath() {
  auto dir = dataDirectory();
  if (!dir) return dir.error();
  return dir.value() + "/pirl.db";
}

Result<std::unique_ptr<Database>> Database::open(const std::string& path) {
  std::unique_ptr<Database> db(new Database(path));
  try {
    db->m_db = std::make_unique<SQLite::Database>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 5000);
    db->m_db->exec("PRAGMA journal_mode=WAL");
    db->m_db->exec("PRAGMA synchronous=NORMAL");
    db->m_db->exec("PRAGMA foreign_keys=ON");
  } catch (const SQLite::Exception& e) {
    return Error{"cannot open database '" + path + "': " + e.what()};
  }
  if (auto s = db->migrate(); !s) return Error{"database '" + path + "': " + s.error().message};
  return db;
}

Status Database::migrate() {
  return guarded("migrating the schema", [&]() -> Status {
    int version = 0;
    if (m_db->tableExists("schema_version")) {
      version = m_db->execAndGet("SELECT version FROM schema_version").getInt();
    } else if (m_db->execAndGet("SELECT count(*) FROM sqlite_master").getInt() > 0) {
      return Error{"the file is an SQLite database but not a PiRL Studio project"};
    }
    if (version > kSchemaVersion) {
      return Error{"schema version " + std::to_string(version) + " is newer than this build (" +
                   std::to_string(kSchemaVersion) + "); update PiRL Studio"};
    }
    if (version == kSchemaVersion) return {};
    SQLite::Transaction tx(*m_db);
    if (version == 0) m_db->exec("CREATE TABLE schema_version(version INTEGER NOT NULL)");
    for (int v = version; v < kSchemaVersion; ++v) m_db->exec(kMigrations[v]);
    m_db->exec("DELETE FROM schema_version");
    m_db->exec("INSERT INTO schema_version VALUES(" + std::to_string(kSchemaVersion) + ")");
    tx.commit();
    return {};
  });
}

int Database::schemaVersion() const {
  try {
    return m_db->execAndGet("SELECT version FROM schema_version").getInt();
  } catch (const SQLite::Exception&) {
    return 0;
  }
}

Status Database::begin() {
  return guarded("starting a transaction", [&]() -> Status {
    m_db->exec("BEGIN IMMEDIATE");
    m_inTransaction = true;
    return {};
  });
}

Status Database::commit() {
  return guarded("committing", [&]() -> Status {
    m_db->exec("COMMIT");
    m_inTransaction = false;
    return {};
  });
}

void Database::rollback() {
  if (!m_inTransaction) return;
  try {
    m_db->exec("ROLLBACK");
  } catch (const SQLite::Exception&) {
  }
  m_inTransaction = false;
}

Result<std::int64_t> Database::createRun(const RunRecord& r) {
  return guarded("creating a run", [&]() -> Result<std::int64_t> {
    SQLite::Statement q(
        *m_db,
        "INSERT INTO runs(name, status, stage, algorithm, tasks, config, seed, "
        "versions, device, started_at, ended_at, parent_run, parent_checkpoint, "
        "run_dir, tags, notes, db_relative) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)");
    q.bind(1, r.name);
    q.bind(2, r.status);
    q.bind(3, r.stage);
    q.bind(4, r.algorithm);
    q.bind(5, r.tasks);
    q.bind(6, r.config);
    q.bind(7, static_cast<std::int64_t>(r.seed));
    q.bind(8, r.versions);
    q.bind(9, r.device);
    q.bind(10, r.startedAt.empty() ? utcTimestamp() : r.startedAt);
    q.bind(11, r.endedAt);
    if (r.parentRun > 0) q.bind(12, r.parentRun);
    if (r.parentCheckpoint > 0) q.bind(13, r.parentCheckpoint);
    q.bind(14, storedPath(r.runDir));
    q.bind(15, r.tags);
    q.bind(16, r.notes);
    q.exec();
    return m_db->getLastInsertRowid();
  });
}

Status Database::setRunStatus(std::int64_t run, const std::string& status) {
  return guarded("updating a run", [&]() -> Status {
    const bool open = isLiveStatus(status);
    SQLite::Statement q(*m_db, "UPDATE runs SET status = ?, ended_at = ? WHERE id = ?");
    q.bind(1, status);
    q.bind(2, open ? std::string() : utcTimestamp());
    q.bind(3, run);
    if (q.exec() == 0) return Error{"no run " + std::to_string(run)};
    return {};
  });
}

namespace {

Status updateText(SQLite::Database& db, const char* sql, const std::string& value,
                  std::int64_t run) {
  SQLite::Statement q(db, sql);
  q.bind(1, value);
  q.bind(2, run);
  if (q.exec() == 0) return Error{"no run " + std::to_string(run)};
  return {};
}

}  // namespace

Status Database::setRunDir(std::int64_t run, const std::string& dir) {
  return guarded("updating a run", [&] {
    return updateText(*m_db, "UPDATE runs SET run_dir = ?, db_relative = 1 WHERE id = ?",
                      storedPath(dir), run);
  });
}

Status Database::setRunDevice(std::int64_t run, const std::string& device) {
  return guarded("updating a run", [&] {
    return updateText(*m_db, "UPDATE runs SET device = ? WHERE id = ?", device, run);
  });
}

Status Database::setRunConfig(std::int64_t run, const std::string& config) {
  return guarded("updating a run", [&] {
    return updateText(*m_db, "UPDATE runs SET config = ? WHERE id = ?", config, run);
  });
}

Status Database::renameRun(std::int64_t run, const std::string& name) {
  if (name.empty()) return Error{"a run name cannot be empty"};
  return guarded("renaming a run", [&] {
    return updateText(*m_db, "UPDATE runs SET name = ? WHERE id = ?", name, run);
  });
}

Status Database::setRunTagsNotes(std::int64_t run, const std::string& tags,
                                 const std::string& notes) {
  return guarded("updating a run", [&]() -> Status {
    SQLite::Statement q(*m_db, "UPDATE runs SET tags = ?, notes = ? WHERE id = ?");
    q.bind(1, tags);
    q.bind(2, notes);
    q.bind(3, run);
    if (q.exec() == 0) return Error{"no run " + std::to_string(run)};
    return {};
  });
}

Status Database::deleteRun(std::int64_t run) {
  return guarded("deleting a run", [&]() -> Status {
    SQLite::Transaction tx(*m_db);
    SQLite::Statement q(*m_db, "DELETE FROM runs WHERE id = ?");
    q.bind(1, run);
    if (q.exec() == 0) return Error{"no run " + std::to_string(run)};
    tx.commit();
    return {};
  });
}

Result<RunRecord> Database::run(std::int64_t id) const {
  return guarded("reading a run", [&]() -> Result<RunRecord> {
    SQLite::Statement q(*m_db, std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return Error{"no run " + std::to_string(id) + " in " + m_path};
    return runFromRow(q);
  });
}

Result<std::vector<RunRecord>> Database::runs() const {
  return guarded("listing runs", [&]() -> Result<std::vector<RunRecord>> {
    SQLite::Statement q(*m_db,
                        std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id DESC");
    std::vector<RunRecord> out;
    while (q.executeStep()) out.push_back(runFromRow(q));
    return out;
  });
}

Result<std::vector<RunSummary>> Database::runSummaries() const {
  return guarded("summarising runs", [&]() -> Result<std::vector<RunSummary>> {
    // the success key is looked up once; per-run aggregates use the (run, key, step) key
    SQLite::Statement q(
        *m_db,
        "WITH s AS (SELECT id FROM metric_keys WHERE name = 'eval/success_once') "
        "SELECT r.id, "
        "(SELECT MAX(m.value) FROM metrics m, s WHERE m.run = r.id AND m.key = s.id), "
        "(SELECT m.value FROM metrics m, s WHERE m.run = r.id AND m.key = s.id "
        " ORDER BY m.step DESC LIMIT 1), "
        "(SELECT MAX(step) FROM metrics WHERE run = r.id), "
        "(SELECT MAX(env_steps) FROM metrics WHERE run = r.id), "
        "(SELECT MAX(wall_time) FROM metrics WHERE run = r.id) "
        "FROM runs r ORDER BY r.id DESC");
    std::vector<RunSummary> out;
    while (q.executeStep()) {
      RunSummary s;
      s.run = q.getColumn(0).getInt64();
      if (!q.getColumn(1).isNull()) s.bestSuccess = q.getColumn(1).getDouble();
      if (!q.getColumn(2).isNull()) s.lastSuccess = q.getColumn(2).getDouble();
      s.lastStep = q.getColumn(3).getInt64();
      s.envSteps = q.getColumn(4).getInt64();
      s.wallTime = q.getColumn(5).getDouble();
      out.push_back(s);
    }
    return out;
  });
}

Status Database::addMetrics(std::int64_t run, std::int64_t step, std::int64_t envSteps,
                            double wallTime,
                            const std::vector<std::pair<std::string, double>>& values) {
  return guarded("recording metrics", [&]() -> Status {
    SQLite::Statement key(*m_db, "INSERT OR IGNORE INTO metric_keys(name) VALUES(?)");
    SQLite::Statement keyId(*m_db, "SELECT id FROM metric_keys WHERE name = ?");
    SQLite::Statement insert(*m_db,
                             "INSERT OR REPLACE INTO metrics(run, key, step, env_steps, "
                             "wall_time, value) VALUES(?,?,?,?,?,?)");
    for (const auto& [name, value] : values) {
      key.bind(1, name);
      key.exec();
      key.reset();
      keyId.bind(1, name);
      keyId.executeStep();
      const std::int64_t id = keyId.getColumn(0).getInt64();
      keyId.reset();
      insert.bind(1, run);
      insert.bind(2, id);
      insert.bind(3, step);
      insert.bind(4, envSteps);
      insert.bind(5, wallTime);
      insert.bind(6, value);
      insert.exec();
      insert.reset();
    }
    return {};
  });
}

Result<std::vector<std::string>> Database::metricKeys(std::int64_t run) const {
  return guarded("listing metrics", [&]() -> Result<std::vector<std::string>> {
    SQLite::Statement q(*m_db,
                        "SELECT DISTINCT k.name FROM metrics m JOIN metric_keys k ON k.id = m.key "
                        "WHERE m.run = ? ORDER BY k.name");
    q.bind(1, run);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  });
}

Result<std::vector<MetricPoint>> Database::metric(std::int64_t run, const std::string& key,
                                                  std::int64_t fromStep,
                                                  std::int64_t toStep) const {
  return guarded("reading a metric", [&]() -> Result<std::vector<MetricPoint>> {
    SQLite::Statement q(*m_db,
                        "SELECT m.step, m.env_steps, m.wall_time, m.value FROM metrics m "
                        "JOIN metric_keys k ON k.id = m.key WHERE m.run = ? AND k.name = ? "
                        "AND m.step BETWEEN ? AND ? ORDER BY m.step");
    q.bind(1, run);
    q.bind(2, key);
    q.bind(3, fromStep);
    q.bind(4, toStep);
    std::vector<MetricPoint> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                     q.getColumn(2).getDouble(), q.getColumn(3).getDouble()});
    }
    return out;
  });
}

Result<std::int64_t> Database::addCheckpoint(const CheckpointRecord& c) {
  return guarded("recording a checkpoint", [&]() -> Result<std::int64_t> {
    SQLite::Statement q(*m_db,
                        "INSERT OR REPLACE INTO checkpoints(run, step, env_steps, path, sha256, "
                        "size_bytes, eval_success, created_at, db_relative) "
                        "VALUES(?,?,?,?,?,?,?,?,1)");
    q.bind(1, c.run);
    q.bind(2, c.step);
    q.bind(3, c.envSteps);
    q.bind(4, storedPath(c.path));
    q.bind(5, c.sha256);
    q.bind(6, c.sizeBytes);
    if (c.evalSuccess) q.bind(7, *c.evalSuccess);
    q.bind(8, c.createdAt.empty() ? utcTimestamp() : c.createdAt);
    q.exec();
    return m_db->getLastInsertRowid();
  });
}

Status Database::setCheckpointEval(std::int64_t checkpoint, double success) {
  return guarded("recording an evaluation", [&]() -> Status {
    SQLite::Statement q(*m_db, "UPDATE checkpoints SET eval_success = ? WHERE id = ?");
    q.bind(1, success);
    q.bind(2, checkpoint);
    if (q.exec() == 0) return Error{"no checkpoint " + std::to_string(checkpoint)};
    return {};
  });
}

Result<std::vector<CheckpointRecord>> Database::checkpoints(std::int64_t run) const {
  return guarded("listing checkpoints", [&]() -> Result<std::vector<CheckpointRecord>> {
    SQLite::Statement q(*m_db, std::string(kCheckpointSelect) + "WHERE run = ? ORDER BY step");
    q.bind(1, run);
    std::vector<CheckpointRecord> out;
    while (q.executeStep()) out.push_back(checkpointFromRow(q));
    return out;
  });
}

Result<std::optional<CheckpointRecord>> Database::checkpointAt(const std::string& path) const {
  namespace fs = std::filesystem;
  if (path.empty()) return std::optional<CheckpointRecord>();
  // one folder, however it is spelled: compared as canonical paths
  auto canonical = [](fs::path p) {
    if (!p.has_filename()) p = p.parent_path();
    std::error_code ec;
    fs::path c = fs::weakly_canonical(p, ec);
    return ec ? fs::absolute(p, ec).lexically_normal() : c;
  };
  return guarded("finding a checkpoint", [&]() -> Result<std::optional<CheckpointRecord>> {
    const fs::path target = canonical(path);
    const std::string name = target.filename().string();
    // candidates: rows whose path ends with the folder's name, newest first
    SQLite::Statement q(
        *m_db, std::string(kCheckpointSelect) + "WHERE substr(path, ?) = ? ORDER BY id DESC");
    q.bind(1, -static_cast<int>(name.size()));
    q.bind(2, name);
    while (q.executeStep()) {
      CheckpointRecord c = checkpointFromRow(q);
      if (canonical(c.path) == target) return std::optional<CheckpointRecord>(std::move(c));
    }
    return std::optional<CheckpointRecord>();
  });
}

Result<std::int64_t> Database::addEpisode(const EpisodeRecord& e) {
  return guarded("recording an episode", [&]() -> Result<std::int64_t> {
    SQLite::Statement q(*m_db,
                        "INSERT INTO episodes(run, step, task, seed, success, return, length, "
                        "state_dim, states) VALUES(?,?,?,?,?,?,?,?,?)");
    q.bind(1, e.run);
    q.bind(2, e.step);
    q.bind(3, e.task);
    q.bind(4, static_cast<std::int64_t>(e.seed));
    q.bind(5, e.success ? 1 : 0);
    q.bind(6, e.episodeReturn);
    q.bind(7, e.length);
    q.bind(8, e.stateDim);
    const std::string blob = compress(e.states);
    if (!blob.empty()) q.bind(9, blob.data(), static_cast<int>(blob.size()));
    q.exec();
    return m_db->getLastInsertRowid();
  });
}

Status Database::addEvaluation(const EvaluationRecord& e) {
  return guarded("recording an evaluation", [&]() -> Status {
    SQLite::Statement q(*m_db,
                        "INSERT INTO evaluations(checkpoint, task, variant, episodes, success, "
                        "created_at) VALUES(?,?,?,?,?,?)");
    q.bind(1, e.checkpoint);
    q.bind(2, e.task);
    q.bind(3, e.variant);
    q.bind(4, e.episodes);
    q.bind(5, e.success);
    q.bind(6, e.createdAt.empty() ? utcTimestamp() : e.createdAt);
    q.exec();
    return {};
  });
}

Result<std::vector<EvaluationRecord>> Database::evaluations(std::int64_t checkpoint) const {
  return guarded("reading evaluations", [&]() -> Result<std::vector<EvaluationRecord>> {
    SQLite::Statement q(*m_db,
                        "SELECT id, checkpoint, task, variant, episodes, success, created_at "
                        "FROM evaluations WHERE checkpoint = ? ORDER BY id");
    q.bind(1, checkpoint);
    std::vector<EvaluationRecord> out;
    while (q.executeStep()) {
      EvaluationRecord e;
      e.id = q.getColumn(0).getInt64();
      e.checkpoint = q.getColumn(1).getInt64();
      e.task = q.getColumn(2).getString();
      e.variant = q.getColumn(3).getString();
      e.episodes = q.getColumn(4).getInt();
      e.success = q.getColumn(5).getDouble();
      e.createdAt = q.getColumn(6).getString();
      out.push_back(std::move(e));
    }
    return out;
  });
}

Status Database::deleteCheckpoint(std::int64_t checkpoint) {
  return guarded("deleting a checkpoint", [&]() -> Status {
    SQLite::Statement q(*m_db, "DELETE FROM checkpoints WHERE id = ?");
    q.bind(1, checkpoint);
    if (q.exec() == 0) return Error{"no checkpoint with id " + std::to_string(checkpoint)};
    return {};
  });
}

Result<std::vector<std::int64_t>> Database::episodeSteps(std::int64_t run) const {
  return guarded("listing episode steps", [&]() -> Result<std::vector<std::int64_t>> {
    SQLite::Statement q(*m_db,
                        "SELECT DISTINCT step FROM episodes WHERE run = ? AND state_dim > 0 "
                        "ORDER BY step");
    q.bind(1, run);
    std::vector<std::int64_t> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
  });
}

Result<std::vector<EpisodeRecord>> Database::episodes(std::int64_t run, std::int64_t step) const {
  return guarded("reading episodes", [&]() -> Result<std::vector<EpisodeRecord>> {
    SQLite::Statement q(*m_db,
                        "SELECT id, run, step, task, seed, success, return, length, state_dim, "
                        "states FROM episodes WHERE run = ? AND step = ? ORDER BY id");
    q.bind(1, run);
    q.bind(2, step);
    std::vector<EpisodeRecord> out;
    while (q.executeStep()) {
      EpisodeRecord e;
      e.id = q.getColumn(0).getInt64();
      e.run = q.getColumn(1).getInt64();
      e.step = q.getColumn(2).getInt64();
      e.task = q.getColumn(3).getString();
      e.seed = static_cast<std::uint64_t>(q.getColumn(4).getInt64());
      e.success = q.getColumn(5).getInt() != 0;
      e.episodeReturn = q.getColumn(6).getDouble();
      e.length = q.getColumn(7).getInt();
      e.stateDim = q.getColumn(8).getInt();
      const SQLite::Column blob = q.getColumn(9);
      auto states = decompress(blob.getBlob(), blob.getBytes());
      if (!states) return Error{"episode " + std::to_string(e.id) + ": " + states.error().message};
      e.states = std::move(states).value();
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace pirl::storage

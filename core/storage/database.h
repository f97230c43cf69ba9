#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/result.h"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace pirl::storage {

/// Current schema version (docs/file-formats.md describes every version).
inline constexpr int kSchemaVersion = 3;

/// Whether a run with this status is owned by a trainer (running or paused): such a run must
/// not be resumed, deleted or given an end time.
inline bool isLiveStatus(const std::string& status) {
  return status == "running" || status == "paused";
}

/// One row of the runs table.
struct RunRecord {
  /// Primary key (0 before insertion).
  std::int64_t id = 0;
  /// Display name.
  std::string name;
  /// running, paused, finished, stopped, failed.
  std::string status = "running";
  /// sft or rl.
  std::string stage;
  /// Sampling / RL method (flow_noise, flow_sde, ...), empty for SFT.
  std::string algorithm;
  /// Comma-separated task list.
  std::string tasks;
  /// Full config as YAML.
  std::string config;
  /// Seed.
  std::uint64_t seed = 0;
  /// JSON object of component versions.
  std::string versions;
  /// Device ("cpu", "cuda:0").
  std::string device;
  /// UTC start time, ISO 8601.
  std::string startedAt;
  /// UTC end time, empty while running.
  std::string endedAt;
  /// Run this one was forked from, 0 for none.
  std::int64_t parentRun = 0;
  /// Checkpoint (row id) this one was forked from, 0 for none.
  std::int64_t parentCheckpoint = 0;
  /// Folder with the run's files (checkpoints). Stored relative to the database's folder when
  /// it lies inside it; read back as a path that works from any working directory.
  std::string runDir;
  /// Comma-separated tags.
  std::string tags;
  /// Free-form notes.
  std::string notes;

  /// See isLiveStatus().
  bool live() const { return isLiveStatus(status); }
};

/// One metric sample.
struct MetricPoint {
  /// Training iteration / gradient step.
  std::int64_t step = 0;
  /// Environment steps so far.
  std::int64_t envSteps = 0;
  /// Seconds since the run started.
  double wallTime = 0.0;
  /// Value.
  double value = 0.0;
};

/// One row of the checkpoints table.
struct CheckpointRecord {
  /// Primary key (0 before insertion).
  std::int64_t id = 0;
  /// Run it belongs to.
  std::int64_t run = 0;
  /// Step it was written at.
  std::int64_t step = 0;
  /// Environment steps at that point.
  std::int64_t envSteps = 0;
  /// Checkpoint directory (stored and read back as runDir is).
  std::string path;
  /// SHA-256 of its model.pt.
  std::string sha256;
  /// Size of model.pt in bytes.
  std::int64_t sizeBytes = 0;
  /// Mean deterministic evaluation success, when evaluated.
  std::optional<double> evalSuccess;
  /// UTC creation time.
  std::string createdAt;
};

/// One stored evaluation result: a checkpoint's success on one task and variant.
struct EvaluationRecord {
  /// Primary key (0 before insertion).
  std::int64_t id = 0;
  /// Checkpoint row it belongs to.
  std::int64_t checkpoint = 0;
  /// Task name (without variant).
  std::string task;
  /// OOD variant ("" for in-distribution).
  std::string variant;
  /// Episodes evaluated.
  int episodes = 0;
  /// Success rate.
  double success = 0.0;
  /// UTC time, ISO 8601 (filled in when empty).
  std::string createdAt;
};

/// One row of the episodes table.
struct EpisodeRecord {
  /// Primary key (0 before insertion).
  std::int64_t id = 0;
  /// Run it belongs to.
  std::int64_t run = 0;
  /// Iteration it was collected in.
  std::int64_t step = 0;
  /// Task name.
  std::string task;
  /// Reset seed.
  std::uint64_t seed = 0;
  /// Whether it succeeded.
  bool success = false;
  /// Undiscounted return.
  double episodeReturn = 0.0;
  /// Length in control steps.
  int length = 0;
  /// Floats per recorded step (0 when no states were recorded).
  int stateDim = 0;
  /// Recorded per-step states, [length + 1, stateDim] (stored zlib-compressed).
  std::vector<float> states;
};

/// Progress figures of one run, computed from its metrics (for listings).
struct RunSummary {
  /// Run id.
  std::int64_t run = 0;
  /// Best in-distribution evaluation success (eval/success_once), when evaluated.
  std::optional<double> bestSuccess;
  /// Latest in-distribution evaluation success, when evaluated.
  std::optional<double> lastSuccess;
  /// Largest step logged.
  std::int64_t lastStep = 0;
  /// Environment steps so far.
  std::int64_t envSteps = 0;
  /// Seconds of training logged so far.
  double wallTime = 0.0;
};

/// The project database: runs, metrics, checkpoints and episodes in one SQLite file in WAL
/// mode, with a versioned schema migrated on open. Not thread-safe: each thread opens its own.
class Database {
 public:
  /// Opens (creating if needed) and migrates the database at `path`; a file that is not a
  /// PiRL database, or is newer than this build, is refused with a clear message.
  static Result<std::unique_ptr<Database>> open(const std::string& path);
  /// The default project database: <data dir>/pirl.db.
  static Result<std::string> defaultPath();
  ~Database();

  /// Path of the database file.
  const std::string& path() const { return m_path; }
  /// Schema version of the open file.
  int schemaVersion() const;

  /// Starts a transaction; everything until commit() lands together or not at all.
  Status begin();
  /// Commits the open transaction.
  Status commit();
  /// Rolls the open transaction back.
  void rollback();

  /// Inserts a run and returns its id.
  Result<std::int64_t> createRun(const RunRecord& run);
  /// Sets status (and end time when it is not running/paused).
  Status setRunStatus(std::int64_t run, const std::string& status);
  /// Sets the run's files folder.
  Status setRunDir(std::int64_t run, const std::string& dir);
  /// Sets the device the run uses.
  Status setRunDevice(std::int64_t run, const std::string& device);
  /// Replaces the run's stored config (YAML), e.g. when a resumed run gets more iterations.
  Status setRunConfig(std::int64_t run, const std::string& config);
  /// Renames a run.
  Status renameRun(std::int64_t run, const std::string& name);
  /// Replaces a run's tags and notes.
  Status setRunTagsNotes(std::int64_t run, const std::string& tags, const std::string& notes);
  /// Deletes a run with its metrics, checkpoints and episodes (files are the caller's).
  Status deleteRun(std::int64_t run);
  /// One run.
  Result<RunRecord> run(std::int64_t id) const;
  /// All runs, newest first.
  Result<std::vector<RunRecord>> runs() const;

  /// Progress figures of every run (runs without metrics included, with zeros).
  Result<std::vector<RunSummary>> runSummaries() const;

  /// Records metrics of one step (replacing earlier values of the same run/key/step).
  Status addMetrics(std::int64_t run, std::int64_t step, std::int64_t envSteps, double wallTime,
                    const std::vector<std::pair<std::string, double>>& values);
  /// Metric keys a run has logged, sorted.
  Result<std::vector<std::string>> metricKeys(std::int64_t run) const;
  /// A metric series ordered by step, optionally limited to [fromStep, toStep].
  Result<std::vector<MetricPoint>> metric(std::int64_t run, const std::string& key,
                                          std::int64_t fromStep = INT64_MIN,
                                          std::int64_t toStep = INT64_MAX) const;

  /// Records a checkpoint and returns its id.
  Result<std::int64_t> addCheckpoint(const CheckpointRecord& checkpoint);
  /// Sets a checkpoint's evaluation success.
  Status setCheckpointEval(std::int64_t checkpoint, double success);
  /// A run's checkpoints ordered by step.
  Result<std::vector<CheckpointRecord>> checkpoints(std::int64_t run) const;
  /// The newest checkpoint row whose directory is the folder `path` names from the working
  /// directory (any spelling: relative, through a link, with a trailing slash), if any.
  Result<std::optional<CheckpointRecord>> checkpointAt(const std::string& path) const;

  /// Deletes a checkpoint row with its evaluations (its files are the caller's).
  Status deleteCheckpoint(std::int64_t checkpoint);
  /// Stores an evaluation result.
  Status addEvaluation(const EvaluationRecord& evaluation);
  /// A checkpoint's stored evaluations, oldest first.
  Result<std::vector<EvaluationRecord>> evaluations(std::int64_t checkpoint) const;

  /// Records an episode (states compressed) and returns its id.
  Result<std::int64_t> addEpisode(const EpisodeRecord& episode);
  /// Steps of a run that have recorded episodes (with states), ascending.
  Result<std::vector<std::int64_t>> episodeSteps(std::int64_t run) const;
  /// A run's episodes of one step (states decompressed).
  Result<std::vector<EpisodeRecord>> episodes(std::int64_t run, std::int64_t step) const;

 private:
  explicit Database(std::string path);
  Status migrate();
  /// A file path as stored: relative to the database's folder when inside it, else absolute.
  std::string storedPath(const std::string& path) const;
  /// A stored path as usable from the working directory (see RunRecord::runDir); `dbRelative`:
  /// the row says it is relative to the database's folder (schema version 3).
  std::string usablePath(const std::string& stored, bool dbRelative) const;
  /// The run / checkpoint of a row selected with kRunColumns / kCheckpointSelect, its paths
  /// made usable.
  RunRecord runFromRow(SQLite::Statement& q) const;
  CheckpointRecord checkpointFromRow(SQLite::Statement& q) const;
  std::string m_path;
  /// Absolute folder of the database file; empty for an in-memory database.
  std::string m_dir;
  std::unique_ptr<SQLite::Database> m_db;
  bool m_inTransaction = false;
};

}  // namespace pirl::storage

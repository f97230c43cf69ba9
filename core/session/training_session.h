#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/common/result.h"
#include "core/rl/eval_result.h"
#include "core/rl/sft.h"
#include "core/rl/train_config.h"
#include "core/rl/trainer.h"
#include "core/storage/database.h"

namespace pirl::session {

/// Outcome of a training run recorded in the project database.
struct TrainingOutcome {
  /// Database id of the run.
  std::int64_t runId = 0;
  /// Final deterministic evaluation.
  rl::EvalResult finalEval;
  /// Directory of the final checkpoint.
  std::string checkpointDir;
  /// Gradient steps (SFT) or iterations (RL) completed.
  std::int64_t steps = 0;
  /// Environment steps of RL.
  std::int64_t envSteps = 0;
  /// Wall time, seconds.
  double seconds = 0.0;
  /// Device used.
  std::string device;
  /// True if stopped before the planned end.
  bool stopped = false;
};

/// Progress callbacks; called on the training thread.
struct TrainingCallbacks {
  /// Called once the run exists in the database, before training starts.
  std::function<void(std::int64_t runId)> onStart;
  /// Called after every SFT epoch.
  rl::SftCallback onSftEpoch;
  /// Called when the RL trainer exists (to pause, stop or read snapshots from other threads).
  std::function<void(rl::Trainer&)> onTrainer;
  /// Called when the RL trainer is about to be destroyed (drop any reference to it).
  std::function<void()> onTrainerDone;
  /// Called after every RL iteration (and with iteration 0 for the starting evaluation),
  /// once its metrics are committed.
  std::function<void(const rl::IterationReport&)> onIteration;
};

/// Folder of run `runId`'s files: runs/<id> beside the default pirl.db, runs/<db name>-<id>
/// beside any other database file.
std::string runDirectory(const std::string& dbPath, std::int64_t runId);

/// Runs `config` end to end: creates the run row (full config, seed, versions, device), runs
/// SFT and/or RL as `stage` says, writes each epoch's or iteration's metrics, episodes and
/// checkpoints in one transaction, and sets the final status (finished, stopped or failed).
/// Files go to runs/<id>/ beside the database. `stop`, when set, ends the run cleanly. An RL run
/// whose rl.init_checkpoint is a checkpoint of this database records that checkpoint and its
/// run as its parent (a fork, shown as such by the checkpoint browser).
Result<TrainingOutcome> runTraining(const rl::TrainConfig& config, const std::string& dbPath,
                                    const TrainingCallbacks& callbacks = {},
                                    const std::atomic<bool>* stop = nullptr);

/// Continues RL run `runId` from its newest checkpoint (the rolling one when it is newer), or
/// from its kept checkpoint of iteration `fromStep` when fromStep >= 0: same config, same run
/// row, metrics continuing from the checkpoint's iteration (later ones are replaced). With
/// threads > 0 the environments step on that many threads instead of the stored count (the
/// numbers do not depend on it: another machine can continue the run). With iterations > 0
/// the run trains to that many RL iterations instead of its stored count (more, to continue a
/// finished run; it must exceed the resumed checkpoint's iteration), and the stored config
/// says so.
Result<TrainingOutcome> resumeTraining(std::int64_t runId, const std::string& dbPath,
                                       const TrainingCallbacks& callbacks = {},
                                       const std::atomic<bool>* stop = nullptr,
                                       std::int64_t fromStep = -1, int threads = 0,
                                       std::int64_t iterations = 0);

/// Checkpoint `step` of run `runId` (its newest kept checkpoint when step < 0).
Result<storage::CheckpointRecord> findCheckpoint(storage::Database& db, std::int64_t runId,
                                                 std::int64_t step);

/// Result of evaluating a run's checkpoint.
struct RunEvaluation {
  /// Checkpoint evaluated.
  std::string checkpointDir;
  /// Its step (iteration for RL).
  std::int64_t step = 0;
  /// In-distribution result.
  rl::EvalResult inDistribution;
  /// Results per OOD variant (when asked for).
  std::map<std::string, rl::EvalResult> ood;
  /// False when the result was not recorded in the database (another evaluation setting than
  /// the run's: its stored evaluations stay comparable).
  bool stored = true;
  /// True when it became the checkpoint's recorded success (CheckpointRecord::evalSuccess): it
  /// used at least as many episodes per task as every earlier evaluation of the checkpoint.
  bool checkpointSuccessUpdated = false;
  /// Episodes per task behind the checkpoint's recorded success when this one did not replace
  /// it.
  int recordedEpisodes = 0;
};

/// Evaluates checkpoint `step` of run `runId` (its newest kept checkpoint when step < 0) on
/// the run's tasks with `episodes` episodes per task (and the OOD variants when `ood`), and
/// stores every result in the evaluations table. The in-distribution success becomes the
/// checkpoint's recorded success unless an earlier evaluation of it (the run's own, or a stored
/// one) used more episodes: a quick look never replaces a thorough figure. `initNoiseScale`, when
/// given, overrides the run's eval.init_noise_scale; a result under another value than the run's is
/// returned but not recorded.
Result<RunEvaluation> evaluateRun(std::int64_t runId, std::int64_t step, int episodes, bool ood,
                                  const std::string& dbPath, const std::string& device = "auto",
                                  std::optional<double> initNoiseScale = std::nullopt);

/// What averageRun created.
struct AveragedRun {
  /// The new run.
  std::int64_t runId = 0;
  /// Its checkpoint (the average).
  std::string checkpointDir;
  /// The checkpoint's step: the newest averaged step.
  std::int64_t step = 0;
};

/// Averages the networks of checkpoints `steps` of run `runId` (checkpoint averaging, at least
/// two) into a new finished run named `name` (default "<run name> avg <steps>") with the run's
/// config, whose only checkpoint is the average at the newest averaged step, with the parent
/// run and checkpoint recorded and the tag "average"; evaluate, export or fork it like any run.
Result<AveragedRun> averageRun(const std::string& dbPath, std::int64_t runId,
                               const std::vector<std::int64_t>& steps, std::string name = {});

}  // namespace pirl::session

#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "core/common/result.h"
#include "core/rl/eval_result.h"
#include "core/rl/sft.h"
#include "core/rl/train_config.h"

namespace pirl::session {

/// Outcome of a training run recorded in the project database.
struct TrainingOutcome {
  /// Database id of the run.
  std::int64_t runId = 0;
  /// Final deterministic evaluation.
  rl::EvalResult finalEval;
  /// Directory of the final checkpoint.
  std::string checkpointDir;
  /// Gradient steps taken.
  std::int64_t steps = 0;
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
};

/// Runs `config` end to end: creates the run row (full config, seed, versions, device), trains,
/// writes the metrics of each epoch in one transaction, records checkpoints, and sets the
/// final status (finished, stopped or failed). Files go to runs/<id>/ beside the database.
Result<TrainingOutcome> runTraining(const rl::TrainConfig& config, const std::string& dbPath,
                                    const TrainingCallbacks& callbacks = {},
                                    const std::atomic<bool>* stop = nullptr);

}  // namespace pirl::session

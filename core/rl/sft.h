#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/common/result.h"
#include "core/rl/eval_result.h"
#include "core/rl/train_config.h"

namespace pirl::rl {

/// Statistics of one SFT epoch.
struct SftEpochReport {
  /// Epoch number, starting at 1.
  int epoch = 0;
  /// Total epochs of the run.
  int epochs = 0;
  /// Gradient steps so far.
  std::int64_t step = 0;
  /// Mean flow-matching loss over the epoch's batches.
  double trainLoss = 0.0;
  /// Flow-matching loss on held-out episodes (fixed noise and times); NaN without validation.
  double valLoss = 0.0;
  /// Wall time since the run started, seconds.
  double seconds = 0.0;
  /// Evaluation result when this epoch evaluated.
  std::optional<EvalResult> eval;
};

/// Outcome of a finished SFT run.
struct SftOutcome {
  /// Final deterministic evaluation.
  EvalResult finalEval;
  /// Directory of the final checkpoint.
  std::string checkpointDir;
  /// Gradient steps taken.
  std::int64_t steps = 0;
  /// Demonstration episodes used for training (validation excluded).
  int trainEpisodes = 0;
  /// Training chunks (samples) per epoch.
  std::int64_t trainChunks = 0;
  /// Wall time, seconds.
  double seconds = 0.0;
  /// Device used ("cpu", "cuda:0").
  std::string device;
  /// True if the run was stopped before its last epoch.
  bool stopped = false;
};

/// Called after every epoch.
using SftCallback = std::function<void(const SftEpochReport&)>;

/// Runs supervised flow matching per ALGORITHMS.md §1 on expert demonstrations, evaluates
/// with the ODE sampler and writes checkpoints under `runDir`/checkpoints. `stop`, when set,
/// ends training after the current epoch (a final checkpoint and evaluation still happen).
Result<SftOutcome> runSft(const TrainConfig& config, const std::string& runDir,
                          const SftCallback& onEpoch = {}, const std::atomic<bool>* stop = nullptr);

}  // namespace pirl::rl

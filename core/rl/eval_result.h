#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/common/result.h"
#include "core/sim/env.h"

namespace pirl::rl {

/// Deterministic (ODE) evaluation outcome.
struct EvalResult {
  /// Success rate per task name (task@variant included).
  std::map<std::string, double> successPerTask;
  /// Mean of the per-task success rates.
  double meanSuccess = 0.0;
  /// Episodes evaluated in total.
  int episodes = 0;
  /// Mean episode length in control steps.
  double meanEpisodeLength = 0.0;
  /// Wall time in seconds.
  double seconds = 0.0;
};

/// An evaluation as metrics under ALGORITHMS.md's names: eval/success_once, eval/episode_len and
/// eval/success_once/<task> per task.
std::vector<std::pair<std::string, double>> evalMetrics(const EvalResult& e);

struct EvalOptions;

/// Loads (and verifies) a checkpoint and evaluates it with the deterministic ODE sampler on
/// `tasks`; `device` is auto, cpu or cuda.
Result<EvalResult> evaluateCheckpoint(const std::string& checkpointDir,
                                      const std::vector<std::string>& tasks,
                                      const EvalOptions& eval, const sim::EnvOptions& envOptions,
                                      int threads, const std::string& device);

}  // namespace pirl::rl

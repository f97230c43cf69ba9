#pragma once

#include <map>
#include <string>

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

}  // namespace pirl::rl

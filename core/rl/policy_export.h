#pragma once

#include <cstdint>
#include <string>

#include "core/common/result.h"

namespace pirl::rl {

/// What exportPolicy wrote.
struct ExportedPolicy {
  /// The TorchScript module (policy.pt).
  std::string policyPath;
  /// Example inputs and the app's own actions for them (example.pt).
  std::string examplePath;
  /// The interface description (README.md).
  std::string readmePath;
  /// Largest |difference| between the reloaded module's actions and the app's (self-check).
  double maxAbsDifference = 0.0;
};

/// Exports checkpoint `checkpointDir` as a self-contained TorchScript module into `outDir`
/// (created if needed; files written atomically): `policy.pt` with methods
/// `sample_actions(observation, tokens, noise, num_steps)` (deterministic Euler ODE from the
/// given initial noise, returning environment actions) and `velocity(observation, tokens, x,
/// t)`, plus `example.pt` (a pickled dict {"inputs": {...}, "actions": Tensor} holding this
/// app's sampler output for `batch` example observations) and a README. The module is loaded
/// back and compared with the app before returning.
Result<ExportedPolicy> exportPolicy(const std::string& checkpointDir, const std::string& outDir,
                                    int batch = 4, std::uint64_t seed = 0);

}  // namespace pirl::rl

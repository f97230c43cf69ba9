#pragma once

#include <string>

#include "core/common/result.h"

namespace pirl::rl {

/// What importPolicy produced.
struct ImportedPolicy {
  /// The checkpoint written (step 0), usable as rl.init_checkpoint.
  std::string checkpointDir;
  /// Parameters copied from the module.
  int copied = 0;
  /// Parameters the module lacked and that start freshly initialised (critic and noise heads).
  int initialised = 0;
  /// Largest |difference| between the module's velocity() and the imported network's.
  double maxVelocityDifference = 0.0;
};

/// Imports a TorchScript flow policy that follows the interface of docs/file-formats.md
/// (methods velocity and sample_actions; attributes obs_dim, action_dim, chunk; buffers
/// obs_mean, obs_std, act_mean, act_std; the actor's parameters under PiRL's names, with "."
/// or "__" as separator; a `config` string attribute or `configYaml` for the policy options)
/// into a PiRL checkpoint at `outDir`. The module's velocity() is compared with the imported
/// network on sample inputs; a module that computes something else is refused.
Result<ImportedPolicy> importPolicy(const std::string& modulePath, const std::string& outDir,
                                    const std::string& configYaml = {});

}  // namespace pirl::rl

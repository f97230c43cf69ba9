#pragma once
// LibTorch header: include only from .cpp files of core/rl.

#include <torch/torch.h>

#include <memory>
#include <string>

#include "core/common/result.h"
#include "core/policy/policy_bundle.h"
#include "core/rl/checkpoint.h"

namespace pirl::rl {

/// Writes `dir` (model.pt with the network and optimizer state, manifest.json) atomically:
/// everything goes to `dir`.partial, which is renamed to `dir` once complete.
Status saveCheckpoint(const std::string& dir, std::int64_t step, policy::PolicyBundle& bundle,
                      torch::optim::Optimizer* optimizer, const std::string& configYaml,
                      const std::string& trainerJson = "{}");

/// A checkpoint read back: the policy, and the optimizer state to restore into an optimizer
/// built over the same parameters.
struct LoadedCheckpoint {
  /// The policy with its normaliser, on the requested device.
  std::unique_ptr<policy::PolicyBundle> bundle;
  /// The manifest.
  CheckpointManifest manifest;
  /// Serialized optimizer state (empty archive if none was saved).
  std::shared_ptr<torch::serialize::InputArchive> optimizerState;
  /// Whether optimizerState holds a state.
  bool hasOptimizer = false;
};

/// Verifies and loads a checkpoint; corrupt, truncated or mismatching files give an error.
Result<LoadedCheckpoint> loadCheckpoint(const std::string& dir, torch::Device device);

}  // namespace pirl::rl

#pragma once
// LibTorch header: include only from .cpp files of core/policy and core/rl.

#include <torch/torch.h>

#include <mutex>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/policy/flow_policy.h"
#include "core/policy/normalizer.h"
#include "core/policy/tokenizer.h"

namespace pirl::policy {

/// Resolves "auto" (CUDA when LibTorch has it), "cpu" or "cuda" to a device; "cuda" without a
/// GPU is an error.
Result<torch::Device> selectDevice(const std::string& name);

/// LibTorch draws a new network's initial weights from its global random generator, which
/// every thread shares. PolicyBundle's constructor holds this (recursive) lock while it builds
/// the network; code that seeds the global generator for a construction (SFT) holds it across
/// both, so that no other thread's construction interleaves. Training and sampling draw from
/// their own generators (at::Generator), never from the global one.
std::unique_lock<std::recursive_mutex> lockGlobalTorchRng();

/// The network with everything needed to turn environment floats into its inputs and its
/// outputs back into environment actions.
class PolicyBundle {
 public:
  /// Creates a freshly initialised network on `device`.
  PolicyBundle(const PolicyOptions& options, int obsDim, int actionDim, Normalizer normalizer,
               torch::Device device);

  /// Normalised observations [rows, O] on the device from row-major floats.
  torch::Tensor observations(const float* obs, int64_t rows) const;
  /// Normalised actions [rows, D] on the device from row-major floats.
  torch::Tensor actions(const float* actions, int64_t rows) const;
  /// Token ids [B, max_tokens] of instructions, on the device.
  torch::Tensor tokens(const std::vector<std::string>& instructions) const;
  /// Environment actions from a normalised chunk [..., D]: un-normalised and (with `clip`)
  /// clipped to [-1, 1], row-major.
  std::vector<float> environmentActions(const torch::Tensor& chunk, bool clip = true) const;

  /// The network.
  FlowPolicy net{nullptr};
  /// Normalisation statistics.
  Normalizer normalizer;
  /// Instruction tokenizer.
  Tokenizer tokenizer;
  /// Where the network lives.
  torch::Device device;
  /// Architecture.
  PolicyOptions options;
  /// Floats per observation.
  int obsDim;
  /// Action dimensions.
  int actionDim;

 private:
  torch::Tensor m_obsMean, m_obsStd, m_actMean, m_actStd;
};

}  // namespace pirl::policy

#pragma once
// LibTorch header: include only from .cpp files of core/policy and core/rl.

#include <torch/torch.h>

#include "core/policy/policy_options.h"

namespace pirl::policy {

/// Output of one action-expert evaluation.
struct ExpertOutput {
  /// Velocity v_theta(x_t, t, o), [B, H, D].
  torch::Tensor velocity;
  /// Hidden features the noise and after_expert value heads read, [B, width].
  torch::Tensor features;
};

/// Sinusoidal embedding of times t in [0, 1], [B] -> [B, dim].
torch::Tensor timeEmbedding(const torch::Tensor& t, int dim);

/// A small VLA-style flow policy: observation + instruction encoder, action expert over a
/// chunk [H, D], value head and the Flow-Noise noise head. Registered module names are
/// checkpoint keys; keep them stable.
class FlowPolicyImpl : public torch::nn::Module {
 public:
  /// Builds the modules for observations of `obsDim` floats, actions of `actionDim`, and a
  /// vocabulary of `vocabSize` token ids.
  FlowPolicyImpl(const PolicyOptions& options, int obsDim, int actionDim, int vocabSize);

  /// Observation encoding e = Enc(normalised obs [B, O], tokens [B, L]) -> [B, width].
  torch::Tensor encode(const torch::Tensor& obs, const torch::Tensor& tokens);
  /// Action expert at noisy chunk x [B, H, D], time t [B], encoding e [B, width].
  ExpertOutput expert(const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& e);
  /// Value from the observation encoding (critic: after_encoder), [B].
  torch::Tensor valueFromEncoding(const torch::Tensor& e);
  /// Value from expert features averaged over denoise steps (critic: after_expert), [B].
  torch::Tensor valueFromFeatures(const torch::Tensor& meanFeatures);
  /// Flow-Noise std of denoising step `step` from expert features, tanh-bounded to
  /// noise_std_range (times noise_first_scale at step 0), [B, H, D].
  torch::Tensor noiseStd(const torch::Tensor& features, int step);

  /// The options the policy was built with.
  const PolicyOptions& options() const { return m_options; }
  /// Replaces the sampling options (denoise steps, noise level, std range, ignore_last, critic
  /// placement, executed chunk part); the architecture stays.
  void setSamplingOptions(const PolicyOptions& options);
  /// Floats per observation.
  int obsDim() const { return m_obsDim; }
  /// Action dimensions D.
  int actionDim() const { return m_actionDim; }
  /// Vocabulary size of the token embedding.
  int vocabSize() const { return m_vocabSize; }

 private:
  PolicyOptions m_options;
  int m_obsDim;
  int m_actionDim;
  int m_vocabSize;
  torch::nn::Sequential m_stateEncoder{nullptr};
  torch::nn::Embedding m_tokenEmbedding{nullptr};
  torch::nn::Sequential m_fuse{nullptr};
  // MLP expert
  torch::nn::Sequential m_expertMlp{nullptr};
  torch::nn::Linear m_expertOut{nullptr};
  // transformer expert
  torch::nn::Linear m_tokenIn{nullptr};
  torch::nn::Linear m_condIn{nullptr};
  torch::Tensor m_positions;
  torch::nn::TransformerEncoder m_transformer{nullptr};
  torch::nn::Linear m_tokenOut{nullptr};
  // heads
  torch::nn::Sequential m_valueHead{nullptr};
  torch::nn::Sequential m_noiseHead{nullptr};
};
TORCH_MODULE(FlowPolicy);

}  // namespace pirl::policy

#pragma once
// LibTorch header: include only from .cpp files of core/policy and core/rl.

#include <torch/torch.h>

#include <functional>
#include <string>

#include "core/common/result.h"
#include "core/policy/flow_policy.h"
#include "core/policy/schedule.h"

namespace pirl::policy {

/// How a chunk is sampled (ALGORITHMS.md §1-3).
enum class SampleMode {
  kOde,        ///< deterministic Euler ODE (evaluation)
  kSdeHybrid,  ///< Flow-SDE: one stochastic step j per call, the others ODE
  kSdeFull,    ///< Flow-SDE: every step stochastic (ablation)
  kFlowNoise,  ///< Flow-Noise: every step stochastic with the learned std
};

/// Parses "ode", "flow_sde", "flow_sde_full", "flow_noise".
Result<SampleMode> parseSampleMode(const std::string& name);
/// Name of a mode as parseSampleMode accepts it.
std::string sampleModeName(SampleMode mode);

/// A sampled chunk with everything the learner needs to recompute its log-likelihood.
struct ChainSample {
  /// x_0 .. x_N, [B, N + 1, H, D]; x_N is the (normalised) action chunk.
  torch::Tensor chain;
  /// The stochastic step of Flow-SDE hybrid (shared by the batch), else -1.
  int64_t j = -1;
  /// Per-element log-probability, [B, H, D] (zeros for ODE).
  torch::Tensor logprob;
  /// Per-element entropy, [B, H, D] (zeros for ODE).
  torch::Tensor entropy;
  /// Value estimate, [B].
  torch::Tensor value;
  /// Standard deviation of each transition x_k -> x_{k+1}, [B, N, H, D] (0 where deterministic).
  torch::Tensor stepStd;
};

/// Log-probabilities, entropy and value recomputed from a stored chain.
struct ChainEvaluation {
  /// Per-element log-probability, [B, H, D].
  torch::Tensor logprob;
  /// Per-element entropy, [B, H, D].
  torch::Tensor entropy;
  /// Value estimate, [B].
  torch::Tensor value;
};

/// What a sampler needs from a model: the velocity field and its features at (x, t), the
/// Flow-Noise std from features, and the value (from the encoding or from features averaged
/// over denoise steps). FlowPolicy provides one per observation batch; tests plug in exact
/// velocity fields.
struct Denoiser {
  /// v(x [B, H, D], t [B]) with features [B, F].
  std::function<ExpertOutput(const torch::Tensor& x, const torch::Tensor& t)> expert;
  /// Flow-Noise std [B, H, D] of denoising step `step` from features.
  std::function<torch::Tensor(const torch::Tensor& features, int step)> noiseStd;
  /// Value [B] from features averaged over the denoise steps.
  std::function<torch::Tensor(const torch::Tensor& meanFeatures)> value;
  /// Flow-SDE noise level a.
  double noiseLevel = 0.5;
  /// Flow-SDE hybrid: exclude the last step from the choice of j.
  bool ignoreLast = true;
};

/// The Denoiser of a policy for observation encodings e [B, W].
Denoiser policyDenoiser(FlowPolicyImpl& policy, const torch::Tensor& e);

/// Element-wise log N(x; mean, std^2).
torch::Tensor gaussianLogProb(const torch::Tensor& x, const torch::Tensor& mean,
                              const torch::Tensor& std);

/// How many denoising steps the hybrid sampler chooses its stochastic step j from: 0..N-2
/// with ignore_last (N > 1), else 0..N-1.
int hybridStepChoices(int steps, bool ignoreLast);

/// Samples chunks for observation encodings e [B, W]; noise comes from torch's generator.
/// For kSdeHybrid, `j` < 0 draws the stochastic step uniformly (from 0..N-2 with ignore_last),
/// otherwise uses the given step.
ChainSample sampleChain(FlowPolicyImpl& policy, const torch::Tensor& e, SampleMode mode, int steps,
                        int64_t j = -1, at::Generator* generator = nullptr,
                        const torch::Tensor& stepNoise = {}, double initNoiseScale = 1.0,
                        const torch::Tensor& initNoise = {});
/// Same for any denoiser; x_0 has shape `shape` ([B, H, D]). With a (CPU) `generator` all
/// noise, and the hybrid's step j, come from it instead of torch's global generator (runs and
/// evaluations pass their own, so concurrent runs do not share one random stream). A defined
/// `stepNoise` ([B, N, H, D], standard normal) supplies the noise of the stochastic steps
/// (x_{k+1} = mean + std * stepNoise[:, k]) instead of fresh draws; x_0 is still drawn. The
/// trainer passes noise correlated across an episode's chunks this way (rl.noise_correlation).
/// `initNoiseScale` multiplies x_0 (an evaluation option, eval.init_noise_scale: 0 starts every
/// chain at the prior's mean, making the ODE policy a deterministic function of the
/// observation); log-probabilities still treat x_0 as standard normal, so training keeps 1.
/// A defined `initNoise` ([B, H, D], standard normal) is x_0 instead of a fresh draw (the
/// trainer shares it within GRPO groups, rl.group_shared_init_noise).
ChainSample sampleChain(const Denoiser& model, torch::IntArrayRef shape,
                        const torch::TensorOptions& options, SampleMode mode, int steps,
                        int64_t j = -1, at::Generator* generator = nullptr,
                        const torch::Tensor& stepNoise = {}, double initNoiseScale = 1.0,
                        const torch::Tensor& initNoise = {});

/// Recomputes log-probs, entropy and value of a stored chain on the same path as sampleChain
/// (same grid, same j, fp32), with gradients.
ChainEvaluation evaluateChain(FlowPolicyImpl& policy, const torch::Tensor& e,
                              const torch::Tensor& chain, SampleMode mode, int64_t j);
/// Same for any denoiser.
ChainEvaluation evaluateChain(const Denoiser& model, const torch::Tensor& chain, SampleMode mode,
                              int64_t j);
/// Same with one stochastic step per sample (`j` is [B], int64): a learner minibatch mixes
/// chunks from different rollout calls. Equals the per-call results bit for bit.
ChainEvaluation evaluateChain(const Denoiser& model, const torch::Tensor& chain, SampleMode mode,
                              const torch::Tensor& j);

}  // namespace pirl::policy

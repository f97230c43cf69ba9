#pragma once
// LibTorch header: include only from .cpp files of core/rl.

#include <torch/torch.h>

#include <string>

namespace pirl::rl {

/// Generalised advantage estimation over chunks (ALGORITHMS.md §4). All tensors are [T, B]
/// except `lastValue` [B]. `done` marks chunks that ended an episode (success or time limit);
/// `truncated` the time-limit ones, whose return is bootstrapped with gamma * `finalValue`
/// (the value of the last observation). Returns (advantages, returns = advantages + values).
std::pair<torch::Tensor, torch::Tensor> computeGae(
    const torch::Tensor& rewards, const torch::Tensor& values, const torch::Tensor& done,
    const torch::Tensor& truncated, const torch::Tensor& finalValue, const torch::Tensor& lastValue,
    double gamma, double lambda);

/// Advantages normalised to zero mean and unit std over the entries where `mask` is set.
torch::Tensor normalizeAdvantages(const torch::Tensor& adv, const torch::Tensor& mask);

/// PPO clipped surrogate: mean over valid entries of max(-A r, -A clip(r, 1 - eps, 1 + eps)).
/// `logp`, `logpOld`, `adv` and `mask` broadcast to one shape.
torch::Tensor ppoPolicyLoss(const torch::Tensor& logp, const torch::Tensor& logpOld,
                            const torch::Tensor& adv, const torch::Tensor& mask, double clip);

/// Huber value loss with PPO value clipping (the larger of the clipped and unclipped losses).
torch::Tensor clippedValueLoss(const torch::Tensor& value, const torch::Tensor& valueOld,
                               const torch::Tensor& returns, const torch::Tensor& mask, double clip,
                               double huberDelta);

/// Actor learning rate at actor iteration `step` of `steps` (1-based): `base` for "constant";
/// "linear" and "cosine" go from `base` at step 1 to `endFraction * base` at step `steps`.
/// With `warmup` > 0 the first `warmup` steps are scaled by step / warmup (a linear ramp, so a
/// fresh optimizer does not take full-size steps at once).
double scheduledLr(double base, const std::string& schedule, double endFraction, int step,
                   int steps, int warmup = 0);

}  // namespace pirl::rl

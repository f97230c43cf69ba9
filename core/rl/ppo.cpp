#include "core/rl/ppo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pirl::rl {

std::pair<torch::Tensor, torch::Tensor> computeGae(
    const torch::Tensor& rewards, const torch::Tensor& values, const torch::Tensor& done,
    const torch::Tensor& truncated, const torch::Tensor& finalValue, const torch::Tensor& lastValue,
    double gamma, double lambda) {
  const auto steps = rewards.size(0);
  auto adv = torch::zeros_like(rewards);
  auto next = torch::zeros_like(lastValue);
  auto nextValue = lastValue;
  // time-limit endings keep the value of where the episode was cut off
  auto r = rewards + gamma * finalValue * truncated;
  for (int64_t t = steps - 1; t >= 0; --t) {
    auto live = 1.0 - done[t];
    auto delta = r[t] + gamma * nextValue * live - values[t];
    next = delta + gamma * lambda * live * next;
    adv[t] = next;
    nextValue = values[t];
  }
  return {adv, adv + values};
}

torch::Tensor normalizeAdvantages(const torch::Tensor& adv, const torch::Tensor& mask) {
  auto m = mask.to(adv.dtype());
  const auto n = m.sum().clamp_min(1.0);
  auto mean = (adv * m).sum() / n;
  auto var = (((adv - mean) * m).pow(2)).sum() / n;
  return (adv - mean) / (var.sqrt() + 1e-5) * m;
}

torch::Tensor ppoPolicyLoss(const torch::Tensor& logp, const torch::Tensor& logpOld,
                            const torch::Tensor& adv, const torch::Tensor& mask, double clip) {
  auto ratio = torch::exp(logp - logpOld);
  auto loss = torch::max(-adv * ratio, -adv * torch::clamp(ratio, 1.0 - clip, 1.0 + clip));
  auto m = mask.to(loss.dtype()).expand_as(loss);
  return (loss * m).sum() / m.sum().clamp_min(1.0);
}

torch::Tensor clippedValueLoss(const torch::Tensor& value, const torch::Tensor& valueOld,
                               const torch::Tensor& returns, const torch::Tensor& mask, double clip,
                               double huberDelta) {
  auto clipped = valueOld + torch::clamp(value - valueOld, -clip, clip);
  auto opts =
      torch::nn::functional::HuberLossFuncOptions().reduction(torch::kNone).delta(huberDelta);
  auto a = torch::nn::functional::huber_loss(value, returns, opts);
  auto b = torch::nn::functional::huber_loss(clipped, returns, opts);
  auto m = mask.to(a.dtype());
  return (torch::max(a, b) * m).sum() / m.sum().clamp_min(1.0);
}

double scheduledLr(double base, const std::string& schedule, double endFraction, int step,
                   int steps, int warmup) {
  const double ramp =
      warmup > 0 && step < warmup ? std::max(0, step) / static_cast<double>(warmup) : 1.0;
  if (schedule == "constant" || steps <= 1) return base * ramp;
  const double p = std::clamp(static_cast<double>(step - 1) / (steps - 1), 0.0, 1.0);
  const double w = schedule == "cosine" ? 0.5 * (1.0 + std::cos(std::numbers::pi * p)) : 1.0 - p;
  return base * ramp * (endFraction + (1.0 - endFraction) * w);
}

}  // namespace pirl::rl

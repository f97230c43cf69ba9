#include "core/policy/sampler.h"

#include <cmath>

namespace pirl::policy {

namespace {

constexpr double kHalfLog2Pi = 0.91893853320467274178;  // 0.5 * log(2 pi)

// mean and std of the transition x_k -> x_{k+1}; std is undefined (empty) for ODE steps
struct Transition {
  torch::Tensor mean;
  torch::Tensor std;
  torch::Tensor features;
};

bool stochastic(SampleMode mode, int k, int64_t j) {
  switch (mode) {
    case SampleMode::kOde:
      return false;
    case SampleMode::kSdeHybrid:
      return k == j;
    case SampleMode::kSdeFull:
    case SampleMode::kFlowNoise:
      return true;
  }
  return false;
}

Transition transition(const Denoiser& model, const torch::Tensor& x, int k, SampleMode mode,
                      bool isStochastic, const DenoiseSchedule& s) {
  const auto b = x.size(0);
  auto t = torch::full({b}, s.t[k], x.options());
  ExpertOutput out = model.expert(x, t);
  Transition tr;
  tr.features = out.features;
  if (!isStochastic || mode == SampleMode::kFlowNoise || mode == SampleMode::kOde) {
    tr.mean = x - s.delta * out.velocity;  // the ODE step
    if (isStochastic) tr.std = model.noiseStd(out.features, k);
    return tr;
  }
  tr.mean = s.coefX[k] * x + s.coefV[k] * out.velocity;
  tr.std = torch::full_like(x, s.std[k]);
  return tr;
}

// combines per-step terms into the per-element log-prob and entropy of ALGORITHMS.md
struct Accumulator {
  torch::Tensor logprob;
  torch::Tensor entropy;
  torch::Tensor featureSum;
  int stochasticSteps = 0;

  // `mask` [B, 1, 1] (bool), when defined, keeps the step's terms only where it is set
  void add(const torch::Tensor& next, const Transition& tr, const torch::Tensor& mask = {}) {
    featureSum = featureSum.defined() ? featureSum + tr.features : tr.features;
    if (!tr.std.defined()) return;
    auto lp = gaussianLogProb(next, tr.mean, tr.std);
    auto ent = 0.5 + kHalfLog2Pi + torch::log(tr.std);
    if (mask.defined()) {
      lp = torch::where(mask, lp, torch::zeros_like(lp));
      ent = torch::where(mask, ent, torch::zeros_like(ent));
    }
    logprob = logprob.defined() ? logprob + lp : lp;
    entropy = entropy.defined() ? entropy + ent : ent;
    ++stochasticSteps;
  }
};

ChainEvaluation finish(const Denoiser& model, const torch::Tensor& x0, Accumulator& acc,
                       SampleMode mode, int steps) {
  ChainEvaluation out;
  if (mode == SampleMode::kFlowNoise) {
    // the initial term log N(x_0; 0, I) is included, and the chain is averaged over N + 1
    auto init = -0.5 * x0 * x0 - kHalfLog2Pi;
    out.logprob = (acc.logprob + init) / static_cast<double>(steps + 1);
    out.entropy = (acc.entropy + (0.5 + kHalfLog2Pi)) / static_cast<double>(steps + 1);
  } else if (acc.stochasticSteps > 0) {
    out.logprob = acc.logprob;  // hybrid: the single step j; full SDE: summed over steps
    out.entropy = acc.entropy / static_cast<double>(acc.stochasticSteps);
  } else {
    out.logprob = torch::zeros_like(x0);
    out.entropy = torch::zeros_like(x0);
  }
  out.value = model.value(acc.featureSum / static_cast<double>(steps));
  return out;
}

}  // namespace

Result<SampleMode> parseSampleMode(const std::string& name) {
  if (name == "ode") return SampleMode::kOde;
  if (name == "flow_sde") return SampleMode::kSdeHybrid;
  if (name == "flow_sde_full") return SampleMode::kSdeFull;
  if (name == "flow_noise") return SampleMode::kFlowNoise;
  return Error{"unknown sampling method '" + name +
               "'; known: ode, flow_sde, flow_sde_full, flow_noise"};
}

std::string sampleModeName(SampleMode mode) {
  switch (mode) {
    case SampleMode::kOde:
      return "ode";
    case SampleMode::kSdeHybrid:
      return "flow_sde";
    case SampleMode::kSdeFull:
      return "flow_sde_full";
    case SampleMode::kFlowNoise:
      return "flow_noise";
  }
  return "ode";
}

torch::Tensor gaussianLogProb(const torch::Tensor& x, const torch::Tensor& mean,
                              const torch::Tensor& std) {
  auto z = (x - mean) / std;
  return -0.5 * z * z - torch::log(std) - kHalfLog2Pi;
}

int hybridStepChoices(int steps, bool ignoreLast) {
  return (ignoreLast && steps > 1) ? steps - 1 : steps;
}

Denoiser policyDenoiser(FlowPolicyImpl& policy, const torch::Tensor& e) {
  Denoiser d;
  d.expert = [&policy, e](const torch::Tensor& x, const torch::Tensor& t) {
    return policy.expert(x, t, e);
  };
  d.noiseStd = [&policy](const torch::Tensor& f, int step) { return policy.noiseStd(f, step); };
  if (policy.options().critic == "after_expert") {
    d.value = [&policy](const torch::Tensor& f) { return policy.valueFromFeatures(f); };
  } else {
    d.value = [&policy, e](const torch::Tensor&) { return policy.valueFromEncoding(e); };
  }
  d.noiseLevel = policy.options().noiseLevel;
  d.ignoreLast = policy.options().ignoreLast;
  return d;
}

ChainSample sampleChain(FlowPolicyImpl& policy, const torch::Tensor& e, SampleMode mode, int steps,
                        int64_t j, at::Generator* generator, const torch::Tensor& stepNoise,
                        double initNoiseScale, const torch::Tensor& initNoise) {
  return sampleChain(policyDenoiser(policy, e),
                     {e.size(0), policy.options().chunk, policy.actionDim()}, e.options(), mode,
                     steps, j, generator, stepNoise, initNoiseScale, initNoise);
}

ChainSample sampleChain(const Denoiser& model, torch::IntArrayRef shape,
                        const torch::TensorOptions& options, SampleMode mode, int steps, int64_t j,
                        at::Generator* generator, const torch::Tensor& stepNoise,
                        double initNoiseScale, const torch::Tensor& initNoise) {
  // standard normal noise from the given generator (drawn on the CPU), else the global one
  auto normal = [&](torch::IntArrayRef size, const torch::TensorOptions& opts) {
    if (generator == nullptr) return torch::randn(size, opts);
    return torch::randn(size, *generator, opts.device(torch::kCPU)).to(opts.device());
  };
  const auto s = DenoiseSchedule::make(steps, model.noiseLevel);
  ChainSample out;
  if (mode == SampleMode::kSdeHybrid) {
    if (j < 0) {
      const int64_t choices = hybridStepChoices(steps, model.ignoreLast);
      auto pick = generator != nullptr ? torch::randint(choices, {1}, *generator, torch::kLong)
                                       : torch::randint(choices, {1}, torch::kLong);
      j = pick.item<int64_t>();
    }
    out.j = j;
  }
  auto x = initNoise.defined() ? initNoise.to(options.device()) : normal(shape, options);
  if (initNoiseScale != 1.0) x = x * initNoiseScale;
  std::vector<torch::Tensor> chain = {x};
  std::vector<torch::Tensor> stds;
  Accumulator acc;
  for (int k = 0; k < steps; ++k) {
    const bool noisy = stochastic(mode, k, out.j);
    Transition tr = transition(model, x, k, mode, noisy, s);
    if (noisy) {
      const auto eps = stepNoise.defined() ? stepNoise.select(1, k).to(tr.mean.device())
                                           : normal(tr.mean.sizes(), tr.mean.options());
      x = tr.mean + tr.std * eps;
    } else {
      x = tr.mean;
    }
    stds.push_back(noisy ? tr.std.detach() : torch::zeros_like(x));
    acc.add(x, tr);
    chain.push_back(x);
  }
  out.stepStd = torch::stack(stds, 1);
  ChainEvaluation ev = finish(model, chain.front(), acc, mode, steps);
  out.chain = torch::stack(chain, 1);
  out.logprob = ev.logprob;
  out.entropy = ev.entropy;
  out.value = ev.value;
  return out;
}

ChainEvaluation evaluateChain(FlowPolicyImpl& policy, const torch::Tensor& e,
                              const torch::Tensor& chain, SampleMode mode, int64_t j) {
  return evaluateChain(policyDenoiser(policy, e), chain, mode, j);
}

ChainEvaluation evaluateChain(const Denoiser& model, const torch::Tensor& chain, SampleMode mode,
                              int64_t j) {
  const int steps = static_cast<int>(chain.size(1)) - 1;
  const auto s = DenoiseSchedule::make(steps, model.noiseLevel);
  Accumulator acc;
  for (int k = 0; k < steps; ++k) {
    const auto x = chain.select(1, k);
    Transition tr = transition(model, x, k, mode, stochastic(mode, k, j), s);
    acc.add(chain.select(1, k + 1), tr);
  }
  return finish(model, chain.select(1, 0), acc, mode, steps);
}

ChainEvaluation evaluateChain(const Denoiser& model, const torch::Tensor& chain, SampleMode mode,
                              const torch::Tensor& j) {
  if (mode != SampleMode::kSdeHybrid) return evaluateChain(model, chain, mode, int64_t{-1});
  const int steps = static_cast<int>(chain.size(1)) - 1;
  const auto s = DenoiseSchedule::make(steps, model.noiseLevel);
  const auto jj = j.to(chain.device()).view({-1, 1, 1});
  Accumulator acc;
  for (int k = 0; k < steps; ++k) {
    Transition tr = transition(model, chain.select(1, k), k, mode, true, s);
    acc.add(chain.select(1, k + 1), tr, jj == k);
  }
  // one stochastic step per sample
  acc.stochasticSteps = 1;
  return finish(model, chain.select(1, 0), acc, mode, steps);
}

}  // namespace pirl::policy

#include "core/rl/inspect.h"

#include <algorithm>

#include "core/common/rng.h"
#include "core/policy/policy_bundle.h"
#include "core/policy/sampler.h"
#include "core/rl/checkpoint_io.h"
#include "core/sim/state.h"

namespace pirl::rl {

namespace {

// the environment of `task` put into `state`, with its observation
Result<std::vector<float>> observationAt(sim::Env& env, const float* state, int size) {
  if (auto s = env.restoreState(state, size); !s) return s.error();
  std::vector<float> obs(sim::kObsDim);
  env.observe(obs.data());
  return obs;
}

std::vector<float> toVector(const torch::Tensor& t) {
  auto c = t.to(torch::kCPU).to(torch::kFloat).contiguous();
  return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

Result<std::vector<DenoisingChains>> sampleChainsImpl(const std::string& checkpointDir,
                                                      const std::string& task,
                                                      const std::vector<float>& state,
                                                      const std::vector<std::string>& methods,
                                                      int samples, std::uint64_t seed,
                                                      const sim::EnvOptions& envOptions) {
  if (samples < 1) return Error{"need at least one sample"};
  auto loaded = loadCheckpoint(checkpointDir, torch::Device(torch::kCPU));
  if (!loaded) return loaded.error();
  policy::PolicyBundle& bundle = *loaded->bundle;
  auto taskModel = sim::TaskModel::create(task);
  if (!taskModel) return taskModel.error();
  sim::Env env(taskModel.value(), envOptions);
  env.reset(0);
  auto obs = observationAt(env, state.data(), static_cast<int>(state.size()));
  if (!obs) return obs.error();

  torch::NoGradGuard noGrad;
  bundle.net->eval();
  std::vector<float> batch;
  for (int s = 0; s < samples; ++s) batch.insert(batch.end(), obs->begin(), obs->end());
  const std::vector<std::string> instructions(samples, taskModel.value()->task().instruction());
  const auto e =
      bundle.net->encode(bundle.observations(batch.data(), samples), bundle.tokens(instructions));
  const auto actStd = torch::tensor(bundle.normalizer.actionStd);
  std::vector<DenoisingChains> out;
  for (size_t m = 0; m < methods.size(); ++m) {
    auto mode = policy::parseSampleMode(methods[m]);
    if (!mode) return mode.error();
    at::Generator generator = at::detail::createCPUGenerator(deriveSeed(seed, m));
    const int n = bundle.options.denoiseSteps;
    DenoisingChains c;
    c.method = methods[m];
    c.samples = samples;
    c.steps = n;
    c.chunk = bundle.options.chunk;
    c.executed = bundle.options.actionChunk;
    c.actionDim = bundle.actionDim;
    c.eePos = {obs.value()[7], obs.value()[8], obs.value()[9]};
    c.eeYaw = obs.value()[10];
    c.maxDeltaPos = envOptions.maxDeltaPos;
    std::vector<torch::Tensor> chains, stds;
    // Flow-SDE hybrid picks one stochastic step per call: one call per sample shows them all
    const int calls = mode.value() == policy::SampleMode::kSdeHybrid ? samples : 1;
    for (int call = 0; call < calls; ++call) {
      const auto rows = calls == 1 ? e : e.narrow(0, call, 1);
      const int64_t j =
          calls == 1 ? -1 : call % policy::hybridStepChoices(n, bundle.options.ignoreLast);
      auto sample = policy::sampleChain(*bundle.net, rows, mode.value(), n, j, &generator);
      chains.push_back(sample.chain);
      stds.push_back(sample.stepStd);
    }
    const auto chain = torch::cat(chains, 0);  // [S, N + 1, H, D], normalised
    c.chains = bundle.environmentActions(chain.reshape({-1, c.chunk, c.actionDim}), false);
    c.stepStd = toVector(torch::cat(stds, 0) * actStd);
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<float>> stateValuesImpl(const std::string& checkpointDir,
                                           const std::string& task,
                                           const std::vector<float>& states, int stateDim) {
  if (stateDim <= 0 || states.size() % stateDim != 0) {
    return Error{"states do not divide into rows of " + std::to_string(stateDim)};
  }
  auto loaded = loadCheckpoint(checkpointDir, torch::Device(torch::kCPU));
  if (!loaded) return loaded.error();
  policy::PolicyBundle& bundle = *loaded->bundle;
  auto taskModel = sim::TaskModel::create(task);
  if (!taskModel) return taskModel.error();
  sim::Env env(taskModel.value(), {});
  env.reset(0);
  const int rows = static_cast<int>(states.size() / stateDim);
  std::vector<float> batch;
  for (int r = 0; r < rows; ++r) {
    auto obs = observationAt(env, states.data() + static_cast<size_t>(r) * stateDim, stateDim);
    if (!obs) return obs.error();
    batch.insert(batch.end(), obs->begin(), obs->end());
  }
  if (rows == 0) return std::vector<float>{};
  torch::NoGradGuard noGrad;
  bundle.net->eval();
  const std::vector<std::string> instructions(rows, taskModel.value()->task().instruction());
  const auto e =
      bundle.net->encode(bundle.observations(batch.data(), rows), bundle.tokens(instructions));
  // the critic needs a chain for after_expert placement: use the deterministic ODE one
  at::Generator generator = at::detail::createCPUGenerator(1);
  auto sample = policy::sampleChain(*bundle.net, e, policy::SampleMode::kOde,
                                    bundle.options.denoiseSteps, -1, &generator);
  return toVector(sample.value);
}

Result<RecordedRollout> rolloutImpl(const std::string& checkpointDir, const std::string& task,
                                    std::uint64_t seed, std::uint64_t noiseSeed,
                                    const sim::EnvOptions& envOptions, double initNoiseScale) {
  auto loaded = loadCheckpoint(checkpointDir, torch::Device(torch::kCPU));
  if (!loaded) return loaded.error();
  policy::PolicyBundle& bundle = *loaded->bundle;
  auto taskModel = sim::TaskModel::create(task);
  if (!taskModel) return taskModel.error();
  sim::Env env(taskModel.value(), envOptions);
  env.reset(seed);
  const mjModel* model = taskModel.value()->model();
  RecordedRollout out;
  out.stateDim = sim::stateSize(model);
  auto record = [&]() {
    const auto st = sim::captureState(model, env.data());
    out.states.insert(out.states.end(), st.begin(), st.end());
  };
  record();
  torch::NoGradGuard noGrad;
  bundle.net->eval();
  at::Generator generator = at::detail::createCPUGenerator(noiseSeed);
  const auto tokens = bundle.tokens({taskModel.value()->task().instruction()});
  const int n = bundle.options.denoiseSteps;
  std::vector<float> obs(sim::kObsDim);
  bool done = false;
  while (!done) {
    env.observe(obs.data());
    const auto e = bundle.net->encode(bundle.observations(obs.data(), 1), tokens);
    auto sample = policy::sampleChain(*bundle.net, e, policy::SampleMode::kOde, n, -1, &generator,
                                      {}, initNoiseScale);
    const auto chunk = bundle.environmentActions(sample.chain.select(1, n));
    for (int h = 0; h < bundle.options.actionChunk && !done; ++h) {
      const auto r = env.step(chunk.data() + static_cast<size_t>(h) * bundle.actionDim);
      record();
      ++out.length;
      out.success = out.success || r.success;
      done = r.terminated || r.truncated;
    }
  }
  return out;
}

Result<std::vector<ExplorationSpread>> spreadImpl(const std::string& checkpointDir,
                                                  const std::string& task,
                                                  const std::vector<double>& noiseLevels,
                                                  int states, int samples, std::uint64_t seed) {
  if (states < 1 || samples < 2) return Error{"need at least one state and two samples"};
  auto loaded = loadCheckpoint(checkpointDir, torch::Device(torch::kCPU));
  if (!loaded) return loaded.error();
  policy::PolicyBundle& bundle = *loaded->bundle;
  auto taskModel = sim::TaskModel::create(task);
  if (!taskModel) return taskModel.error();
  const sim::EnvOptions envOptions;
  sim::Env env(taskModel.value(), envOptions);
  torch::NoGradGuard noGrad;
  bundle.net->eval();
  // the encodings of every state, each repeated `samples` times
  std::vector<float> batch;
  std::vector<float> obs(sim::kObsDim);
  for (int i = 0; i < states; ++i) {
    env.reset(deriveSeed(seed, static_cast<std::uint64_t>(i)));
    env.observe(obs.data());
    for (int s = 0; s < samples; ++s) batch.insert(batch.end(), obs.begin(), obs.end());
  }
  const int rows = states * samples;
  const std::vector<std::string> instructions(rows, taskModel.value()->task().instruction());
  const auto e =
      bundle.net->encode(bundle.observations(batch.data(), rows), bundle.tokens(instructions));
  const auto base = bundle.net->options();
  const int n = base.denoiseSteps, h = base.chunk, k = base.actionChunk, d = bundle.actionDim;
  std::vector<std::pair<std::string, double>> runs = {{"ode", base.noiseLevel}};
  for (double a : noiseLevels) runs.emplace_back("flow_sde_full", a);
  for (double a : noiseLevels) runs.emplace_back("flow_sde", a);
  runs.emplace_back("flow_noise", base.noiseLevel);
  std::vector<ExplorationSpread> out;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    auto options = base;
    options.noiseLevel = runs[r].second;
    bundle.net->setSamplingOptions(options);
    auto mode = policy::parseSampleMode(runs[r].first);
    if (!mode) return mode.error();
    at::Generator generator = at::detail::createCPUGenerator(deriveSeed(seed, 1000 + r));
    // the hybrid draws one stochastic step per call, so it runs one call per step choice
    torch::Tensor actions;
    if (mode.value() == policy::SampleMode::kSdeHybrid) {
      std::vector<torch::Tensor> parts;
      const int choices = policy::hybridStepChoices(n, options.ignoreLast);
      for (int s = 0; s < samples; ++s) {
        auto rowsOfS = torch::arange(states, torch::kLong) * samples + s;
        auto sample = policy::sampleChain(*bundle.net, e.index_select(0, rowsOfS), mode.value(), n,
                                          s % choices, &generator);
        parts.push_back(sample.chain.select(1, n).unsqueeze(1));  // [states, 1, H, D]
      }
      actions = torch::cat(parts, 1).reshape({rows, h, d});
    } else {
      actions =
          policy::sampleChain(*bundle.net, e, mode.value(), n, -1, &generator).chain.select(1, n);
    }
    const auto executed = torch::tensor(bundle.environmentActions(actions, true))
                              .view({states, samples, h, d})
                              .slice(2, 0, k);
    const auto displacement = executed.slice(3, 0, 3).sum(2) * envOptions.maxDeltaPos;
    ExplorationSpread spread;
    spread.method = runs[r].first;
    spread.noiseLevel = runs[r].second;
    spread.handSpread =
        displacement.std(1, /*unbiased=*/true).pow(2).sum(1).sqrt().mean().item<double>();
    spread.gripperStd = executed.select(3, 4).std(1, /*unbiased=*/true).mean().item<double>();
    out.push_back(spread);
  }
  return out;
}

// LibTorch reports mismatches (a checkpoint of another shape, say) by throwing: callers get
// an error instead, so nothing escapes into a Qt slot or a worker thread
template <typename F>
auto guarded(const char* what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const c10::Error& e) {
    return Error{std::string(what) + ": " + e.what_without_backtrace()};
  } catch (const std::exception& e) {
    return Error{std::string(what) + ": " + e.what()};
  }
}

}  // namespace

Result<std::vector<DenoisingChains>> sampleDenoisingChains(const std::string& checkpointDir,
                                                           const std::string& task,
                                                           const std::vector<float>& state,
                                                           const std::vector<std::string>& methods,
                                                           int samples, std::uint64_t seed,
                                                           const sim::EnvOptions& envOptions) {
  return guarded("sampling denoising chains", [&] {
    return sampleChainsImpl(checkpointDir, task, state, methods, samples, seed, envOptions);
  });
}

Result<std::vector<float>> stateValues(const std::string& checkpointDir, const std::string& task,
                                       const std::vector<float>& states, int stateDim) {
  return guarded("computing values",
                 [&] { return stateValuesImpl(checkpointDir, task, states, stateDim); });
}

Result<std::vector<ExplorationSpread>> explorationSpread(const std::string& checkpointDir,
                                                         const std::string& task,
                                                         const std::vector<double>& noiseLevels,
                                                         int states, int samples,
                                                         std::uint64_t seed) {
  return guarded("measuring exploration", [&] {
    return spreadImpl(checkpointDir, task, noiseLevels, states, samples, seed);
  });
}

Result<RecordedRollout> rolloutEpisode(const std::string& checkpointDir, const std::string& task,
                                       std::uint64_t seed, std::uint64_t noiseSeed,
                                       const sim::EnvOptions& envOptions, double initNoiseScale) {
  return guarded("rolling out", [&] {
    return rolloutImpl(checkpointDir, task, seed, noiseSeed, envOptions, initNoiseScale);
  });
}

Result<SuiteObservations> suiteObservations(int batch, std::uint64_t seed) {
  SuiteObservations out;
  const auto& defs = sim::taskDefinitions();
  for (int i = 0; i < batch; ++i) {
    auto taskModel = sim::TaskModel::create(defs[i % defs.size()].name);
    if (!taskModel) return taskModel.error();
    sim::Env env(taskModel.value(), {});
    env.reset(deriveSeed(seed, static_cast<std::uint64_t>(i)));
    std::vector<float> row(sim::kObsDim);
    env.observe(row.data());
    out.observations.insert(out.observations.end(), row.begin(), row.end());
    out.instructions.push_back(taskModel.value()->task().instruction());
  }
  return out;
}

std::vector<std::vector<std::vector<std::array<double, 3>>>> chainPaths(const DenoisingChains& c) {
  std::vector<std::vector<std::vector<std::array<double, 3>>>> out(c.samples);
  for (int s = 0; s < c.samples; ++s) {
    out[s].resize(c.steps + 1);
    for (int k = 0; k <= c.steps; ++k) {
      auto& path = out[s][k];
      std::array<double, 3> p = c.eePos;
      path.push_back(p);
      for (int h = 0; h < c.chunk; ++h) {
        const float* a = c.chains.data() +
                         ((static_cast<size_t>(s) * (c.steps + 1) + k) * c.chunk + h) * c.actionDim;
        for (int i = 0; i < 3; ++i) p[i] += std::clamp(a[i], -1.0f, 1.0f) * c.maxDeltaPos;
        path.push_back(p);
      }
    }
  }
  return out;
}

}  // namespace pirl::rl

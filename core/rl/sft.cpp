#include "core/rl/sft.h"

#include <torch/torch.h>

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>
#include <limits>

#include "core/common/rng.h"
#include "core/policy/policy_bundle.h"
#include "core/rl/checkpoint_io.h"
#include "core/rl/evaluator.h"
#include "core/sim/demo_dataset.h"
#include "core/sim/expert.h"

namespace pirl::rl {

namespace {

using Clock = std::chrono::steady_clock;

// training samples: the observation at step t, and the actions t .. t+H-1 (the last action
// repeats past the episode's end)
struct ChunkSet {
  std::vector<float> obs;
  std::vector<float> chunks;
  std::vector<std::string> instructions;
  std::int64_t size = 0;
};

ChunkSet buildChunks(const std::vector<const sim::DemoEpisode*>& episodes, int obsDim,
                     int actionDim, int h) {
  ChunkSet set;
  for (const auto* e : episodes) {
    const int len = e->length();
    for (int t = 0; t < len; ++t) {
      set.obs.insert(set.obs.end(), e->observations.begin() + t * obsDim,
                     e->observations.begin() + (t + 1) * obsDim);
      for (int s = 0; s < h; ++s) {
        const int src = std::min(t + s, len - 1);
        set.chunks.insert(set.chunks.end(), e->actions.begin() + src * actionDim,
                          e->actions.begin() + (src + 1) * actionDim);
      }
      set.instructions.push_back(e->instruction);
      ++set.size;
    }
  }
  return set;
}

Result<sim::DemoDataset> gatherDemos(const TrainConfig& config) {
  if (!config.sft.demoFile.empty()) return sim::loadDemos(config.sft.demoFile);
  sim::DemoDataset all;
  for (const auto& task : config.tasks) {
    sim::VectorEnvOptions vo;
    vo.tasks = {task};
    vo.numEnvs = std::min(config.sft.demosPerTask, 16);
    vo.threads = config.threads;
    vo.seed = deriveSeed(config.sft.demoSeed, std::hash<std::string>{}(task));
    vo.env = config.env;
    // a few extra episodes in case the expert fails on some
    const int episodes = config.sft.demosPerTask + config.sft.demosPerTask / 4 + 2;
    auto run = sim::runExpert(vo, episodes, sim::ExpertOptions{}, true);
    if (!run) return run.error();
    int kept = 0;
    for (auto& e : run->demos.episodes) {
      if (e.success && kept < config.sft.demosPerTask) {
        all.episodes.push_back(std::move(e));
        ++kept;
      }
    }
    if (kept < config.sft.demosPerTask) {
      return Error{"the expert produced only " + std::to_string(kept) + " successful demos of '" +
                   task + "'"};
    }
    all.obsDim = run->demos.obsDim;
    all.actionDim = run->demos.actionDim;
    all.controlHz = run->demos.controlHz;
  }
  return all;
}

double flowMatchingLoss(policy::PolicyBundle& bundle, const torch::Tensor& obs,
                        const torch::Tensor& tokens, const torch::Tensor& actions,
                        const torch::Tensor& noise, const torch::Tensor& t,
                        torch::Tensor* lossOut) {
  auto e = bundle.net->encode(obs, tokens);
  auto tt = t.view({-1, 1, 1});
  auto xt = tt * noise + (1.0 - tt) * actions;
  auto v = bundle.net->expert(xt, t, e).velocity;
  auto loss = torch::mse_loss(v, noise - actions);
  if (lossOut != nullptr) *lossOut = loss;
  return loss.item<double>();
}

// t = 0.001 + 0.999 * Beta(1.5, 1); Beta(a, 1) = U^(1/a)
torch::Tensor sampleTimes(std::int64_t n, torch::Device device, at::Generator& gen) {
  return (0.001 + 0.999 * torch::pow(torch::rand({n}, gen), 1.0 / 1.5)).to(device);
}

}  // namespace

Result<SftOutcome> runSft(const TrainConfig& config, const std::string& runDir,
                          const SftCallback& onEpoch, const std::atomic<bool>* stop) {
  const auto start = Clock::now();
  TrainConfig cfg = config;
  if (!cfg.sft.tasks.empty()) cfg.tasks = cfg.sft.tasks;
  if (auto s = cfg.validate(); !s) return s.error();
  auto device = policy::selectDevice(cfg.device);
  if (!device) return device.error();

  auto demos = gatherDemos(cfg);
  if (!demos) return demos.error();
  const int obsDim = demos->obsDim;
  const int actionDim = demos->actionDim;
  if (demos->episodes.empty()) return Error{"no demonstrations to train on"};

  // hold out whole episodes for validation, chosen by the run's seed
  std::vector<const sim::DemoEpisode*> train, val;
  Rng split(deriveSeed(cfg.seed, 7));
  for (const auto& e : demos->episodes) {
    (split.uniform() < cfg.sft.valFraction ? val : train).push_back(&e);
  }
  if (train.empty()) {
    train.push_back(val.back());
    val.pop_back();
  }
  const int h = cfg.policy.chunk;
  const ChunkSet trainSet = buildChunks(train, obsDim, actionDim, h);
  const ChunkSet valSet = buildChunks(val, obsDim, actionDim, h);

  policy::Normalizer norm;
  std::vector<float> trainActions;
  for (const auto* e : train) {
    trainActions.insert(trainActions.end(), e->actions.begin(), e->actions.end());
  }
  policy::Normalizer::fit(trainSet.obs, obsDim, norm.obsMean, norm.obsStd);
  policy::Normalizer::fit(trainActions, actionDim, norm.actionMean, norm.actionStd);
  // the initial weights come from LibTorch's global generator seeded with the run's seed; the
  // run then draws from its own copy of that generator, so runs on other threads (the GUI
  // launches several at once) neither disturb nor depend on it
  auto rngLock = policy::lockGlobalTorchRng();
  torch::manual_seed(cfg.seed);
  policy::PolicyBundle bundle(cfg.policy, obsDim, actionDim, norm, device.value());
  at::Generator gen = at::detail::getDefaultCPUGenerator().clone();
  rngLock.unlock();

  // whole training set on the device, normalised once
  const auto n = trainSet.size;
  auto obsAll = bundle.observations(trainSet.obs.data(), n);
  auto actAll = bundle.actions(trainSet.chunks.data(), n * h).view({n, h, actionDim});
  auto tokAll = bundle.tokens(trainSet.instructions);
  torch::Tensor valObs, valAct, valTok, valNoise, valT;
  if (valSet.size > 0) {
    valObs = bundle.observations(valSet.obs.data(), valSet.size);
    valAct =
        bundle.actions(valSet.chunks.data(), valSet.size * h).view({valSet.size, h, actionDim});
    valTok = bundle.tokens(valSet.instructions);
    // fixed noise and times, so validation losses are comparable across epochs
    valNoise = torch::randn({valSet.size, h, actionDim}, gen).to(device.value());
    valT = sampleTimes(valSet.size, device.value(), gen);
  }

  torch::optim::AdamW optimizer(bundle.net->parameters(), torch::optim::AdamWOptions(cfg.sft.lr)
                                                              .betas({0.9, 0.95})
                                                              .eps(1e-8)
                                                              .weight_decay(cfg.sft.weightDecay));
  TrainConfig stored = cfg;
  const std::string configYaml = stored.toYaml();
  const std::int64_t batch = std::min<std::int64_t>(cfg.sft.batchSize, n);
  std::int64_t step = 0;
  SftOutcome outcome;
  outcome.device = device->str();
  outcome.trainEpisodes = static_cast<int>(train.size());
  outcome.trainChunks = n;

  for (int epoch = 1; epoch <= cfg.sft.epochs; ++epoch) {
    auto perm = torch::randperm(n, gen, torch::kLong).to(device.value());
    double lossSum = 0.0;
    int batches = 0;
    for (std::int64_t b = 0; b + batch <= n; b += batch) {
      auto idx = perm.slice(0, b, b + batch);
      auto actions = actAll.index_select(0, idx);
      auto noise = torch::randn(actions.sizes(), gen).to(device.value());
      auto t = sampleTimes(batch, device.value(), gen);
      torch::Tensor loss;
      lossSum += flowMatchingLoss(bundle, obsAll.index_select(0, idx), tokAll.index_select(0, idx),
                                  actions, noise, t, &loss);
      optimizer.zero_grad();
      loss.backward();
      torch::nn::utils::clip_grad_norm_(bundle.net->parameters(), 1.0);
      optimizer.step();
      ++batches;
      ++step;
    }
    SftEpochReport report;
    report.epoch = epoch;
    report.epochs = cfg.sft.epochs;
    report.step = step;
    report.trainLoss = lossSum / std::max(batches, 1);
    report.valLoss = std::numeric_limits<double>::quiet_NaN();
    if (valSet.size > 0) {
      torch::NoGradGuard noGrad;
      report.valLoss = flowMatchingLoss(bundle, valObs, valTok, valAct, valNoise, valT, nullptr);
    }
    const bool stopping = stop != nullptr && stop->load();
    const bool last = epoch == cfg.sft.epochs || stopping;
    if (!last && cfg.eval.every > 0 && epoch % cfg.eval.every == 0) {
      auto ev = evaluatePolicy(bundle, cfg.tasks, cfg.eval, cfg.env, cfg.threads);
      if (!ev) return ev.error();
      report.eval = ev.value();
    }
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (onEpoch && !last) onEpoch(report);
    if (last) {
      outcome.stopped = stopping && epoch < cfg.sft.epochs;
      outcome.steps = step;
      const std::string dir = runDir + "/checkpoints/" + checkpointDirName(step);
      if (auto s = saveCheckpoint(dir, step, bundle, &optimizer, configYaml); !s) return s.error();
      outcome.checkpointDir = dir;
      auto ev = evaluatePolicy(bundle, cfg.tasks, cfg.eval, cfg.env, cfg.threads);
      if (!ev) return ev.error();
      outcome.finalEval = ev.value();
      report.eval = ev.value();
      report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      if (onEpoch) onEpoch(report);
      break;
    }
  }
  outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return outcome;
}

}  // namespace pirl::rl

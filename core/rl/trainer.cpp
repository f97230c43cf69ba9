#include "core/rl/trainer.h"

#include <torch/torch.h>

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/common/rng.h"
#include "core/policy/policy_bundle.h"
#include "core/policy/sampler.h"
#include "core/rl/checkpoint_io.h"
#include "core/rl/evaluator.h"
#include "core/rl/ppo.h"
#include "core/sim/state.h"
#include "core/sim/vector_env.h"

namespace pirl::rl {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// one iteration's rollout, on the policy's device; S = chunks x envs samples
struct Batch {
  torch::Tensor obs;         // [C, B, O] normalised
  torch::Tensor chain;       // [C, B, N + 1, H, D]
  torch::Tensor j;           // [C] stochastic step per chunk (-1 when none)
  torch::Tensor logpOld;     // [C, B, K, D]
  torch::Tensor valueOld;    // [C, B]
  torch::Tensor reward;      // [C, B]
  torch::Tensor done;        // [C, B]
  torch::Tensor truncated;   // [C, B]
  torch::Tensor finalValue;  // [C, B]
  torch::Tensor valid;       // [C, B]
  torch::Tensor lastValue;   // [B]
  std::int64_t envSteps = 0;
  bool stopped = false;
};

// GRPO group slots for rl.revisit_fraction: the reset seed each slot played, how many times
// that reset state has been played, whether the group was mixed (kept) and whether it was a
// revisit
struct GroupSlots {
  std::vector<std::uint64_t> seed;
  std::vector<int> plays;
  std::vector<std::uint8_t> kept, revisited;
};

}  // namespace

struct Trainer::Impl {
  TrainConfig cfg;
  std::string runDir;
  std::string configYaml;
  std::unique_ptr<policy::PolicyBundle> bundle;
  std::unique_ptr<torch::optim::AdamW> optimizer;
  std::unique_ptr<sim::VectorEnv> venv;
  policy::SampleMode mode = policy::SampleMode::kFlowNoise;
  torch::Tensor tokens;
  int startIteration = 0;
  std::int64_t envSteps = 0;
  bool evalEnabled = true;
  std::atomic<int> state{static_cast<int>(TrainerState::kRunning)};
  std::mutex pauseMutex;
  std::condition_variable pauseCv;
  mutable std::mutex snapMutex;
  std::shared_ptr<const TrainerSnapshot> snap = std::make_shared<TrainerSnapshot>();
  // per-environment episode bookkeeping
  std::vector<double> epReturn;
  std::vector<int> epLength;
  std::vector<std::vector<float>> recording;
  std::vector<EpisodeSummary> finished;
  int iteration = 0;
  // the run's own random stream (reseeded every iteration): sampling and minibatch order never
  // touch LibTorch's global generator, which concurrent runs would share
  at::Generator gen = at::detail::createCPUGenerator(0);
  // exploration noise correlated across an episode's chunks (rl.noise_correlation > 0):
  // [B, N, H, D], standard normal; environments whose episode (re)started draw it afresh
  torch::Tensor chunkNoise;
  std::vector<std::uint8_t> noiseFresh;
  double noiseCorrSum = 0.0;
  int noiseCorrCount = 0;
  // GRPO: share of the initial noise's variance found within groups (0 when they share it)
  double initWithinSum = 0.0;
  int initWithinCount = 0;
  // rl.revisit_fraction: the slots as of the last completed iteration, and those being played
  GroupSlots slots, playing;

  // each chunk's initial noise x_0, one draw per GRPO group when rl.group_shared_init_noise
  // (common random numbers: the group's samples then differ only where the likelihood can
  // credit it), else undefined (the sampler draws it per environment)
  torch::Tensor nextInitNoise() {
    if (!cfg.rl.groupSharedInitNoise) return {};
    const int g = cfg.rl.groupSize;
    return torch::randn({venv->size() / g, cfg.policy.chunk, bundle->actionDim}, gen, torch::kFloat)
        .repeat_interleave(g, 0);
  }
  void measureInitNoise(const torch::Tensor& x0) {
    const int g = cfg.rl.groupSize;
    const auto total = x0.var().item<double>();
    if (!(total > 0.0)) return;
    initWithinSum +=
        x0.reshape({-1, g, x0.size(1) * x0.size(2)}).var(1).mean().item<double>() / total;
    ++initWithinCount;
  }

  // the stochastic steps' noise for the next chunk, or undefined (fresh draws) when rho = 0
  torch::Tensor nextChunkNoise() {
    const double rho = cfg.rl.noiseCorrelation;
    if (rho <= 0.0) return {};
    const int b = venv->size();
    auto fresh = torch::randn({b, cfg.policy.denoiseSteps, cfg.policy.chunk, bundle->actionDim},
                              gen, torch::kFloat);
    if (chunkNoise.defined()) {
      auto restart = torch::tensor(std::vector<float>(noiseFresh.begin(), noiseFresh.end()))
                         .view({b, 1, 1, 1}) > 0.5;
      auto next =
          torch::where(restart, fresh, rho * chunkNoise + std::sqrt(1.0 - rho * rho) * fresh);
      // lag-1 correlation actually realised over the continuing episodes
      auto continuing = (~restart).expand_as(next);
      if (continuing.any().item<bool>()) {
        auto a = chunkNoise.masked_select(continuing);
        auto c = next.masked_select(continuing);
        noiseCorrSum += ((a * c).sum() / ((a * a).sum() * (c * c).sum()).sqrt()).item<double>();
        ++noiseCorrCount;
      }
      fresh = next;
    }
    chunkNoise = fresh;
    noiseFresh.assign(b, 0);
    return chunkNoise;
  }

  // GRPO reset: every group a fresh state under `base`, except up to rl.revisit_fraction of
  // them, which play again the state of their slot when it was mixed last iteration
  void resetGroups(std::uint64_t base) {
    if (cfg.rl.revisitFraction <= 0.0) {
      venv->reset(base);
      return;
    }
    const int g = cfg.rl.groupSize;
    const int groups = venv->size() / g;
    std::vector<int> candidates;
    if (static_cast<int>(slots.seed.size()) == groups) {
      for (int s = 0; s < groups; ++s) {
        if (slots.kept[s] && slots.plays[s] <= cfg.rl.revisitLimit) candidates.push_back(s);
      }
    }
    // more candidates than allowed: a subset drawn from the iteration's seed
    std::sort(candidates.begin(), candidates.end(), [base](int a, int b) {
      return deriveSeed(base, 1000000 + static_cast<std::uint64_t>(a)) <
             deriveSeed(base, 1000000 + static_cast<std::uint64_t>(b));
    });
    const auto cap = static_cast<std::size_t>(std::floor(cfg.rl.revisitFraction * groups + 1e-9));
    if (candidates.size() > cap) candidates.resize(cap);
    playing = slots;
    playing.seed.resize(groups);
    playing.plays.resize(groups);
    playing.kept.assign(groups, 0);
    playing.revisited.assign(groups, 0);
    for (int s : candidates) playing.revisited[s] = 1;
    for (int s = 0; s < groups; ++s) {
      if (playing.revisited[s]) {
        ++playing.plays[s];
      } else {
        playing.seed[s] = sim::VectorEnv::episodeSeed(base, s, 0);
        playing.plays[s] = 1;
      }
    }
    std::vector<std::uint64_t> seeds(venv->size());
    for (int i = 0; i < venv->size(); ++i) seeds[i] = playing.seed[i / g];
    // one seed per environment by construction
    static_cast<void>(venv->resetTo(seeds));
  }

  void restartNoise(const std::vector<std::uint8_t>& which) {
    if (noiseFresh.size() != which.size()) noiseFresh.assign(which.size(), 1);
    for (std::size_t i = 0; i < which.size(); ++i) noiseFresh[i] = noiseFresh[i] || which[i];
  }

  const std::atomic<bool>* externalStop = nullptr;

  TrainerState current() const { return static_cast<TrainerState>(state.load()); }
  bool stopping() const {
    return current() == TrainerState::kStopping || (externalStop && externalStop->load());
  }

  // blocks while paused; false when the run should stop
  bool waitWhilePaused() {
    std::unique_lock lock(pauseMutex);
    pauseCv.wait_for(lock, std::chrono::milliseconds(200),
                     [this] { return current() != TrainerState::kPaused || stopping(); });
    while (current() == TrainerState::kPaused && !stopping()) {
      pauseCv.wait_for(lock, std::chrono::milliseconds(200));
    }
    return !stopping();
  }

  torch::Tensor valueOf(const torch::Tensor& obs) {
    torch::NoGradGuard ng;
    auto e = bundle->net->encode(obs, tokens);
    if (cfg.policy.critic == "after_encoder") return bundle->net->valueFromEncoding(e);
    return policy::sampleChain(*bundle->net, e, policy::SampleMode::kOde, cfg.policy.denoiseSteps,
                               -1, &gen)
        .value;
  }

  void publishSnapshot(const policy::ChainSample& sample, const std::vector<double>& ee) {
    auto s = std::make_shared<TrainerSnapshot>();
    s->iteration = iteration;
    const int shown = std::min(venv->size(), 4);
    for (int i = 0; i < shown; ++i) {
      const auto& env = venv->env(i);
      s->tasks.push_back(env.taskModel().task().fullName());
      const auto st = sim::captureState(env.taskModel().model(), env.data());
      s->states.emplace_back(st.begin(), st.end());
    }
    s->steps = cfg.policy.denoiseSteps;
    s->chunk = cfg.policy.chunk;
    s->executed = cfg.policy.actionChunk;
    s->actionDim = bundle->actionDim;
    s->chain = bundle->environmentActions(sample.chain[0], false);
    s->eePos = {ee[0], ee[1], ee[2]};
    s->eeYaw = ee[3];
    s->maxDeltaPos = cfg.env.maxDeltaPos;
    std::lock_guard lock(snapMutex);
    snap = std::move(s);
  }

  // runs one chunk on every environment that is still in its episode; fills rewards and
  // episode endings; returns false when stopped
  void runChunk(const std::vector<float>& actions, std::vector<float>& reward,
                std::vector<std::uint8_t>& ended, std::vector<std::uint8_t>& truncated,
                std::int64_t& steps) {
    const int b = venv->size();
    const int h = cfg.policy.chunk;
    const int k = cfg.policy.actionChunk;
    const int d = bundle->actionDim;
    const int record = std::min(cfg.rl.recordEpisodes, b);
    std::vector<float> step(static_cast<std::size_t>(b) * d);
    for (int s = 0; s < k; ++s) {
      for (int i = 0; i < b; ++i) {
        std::copy_n(actions.data() + (static_cast<std::size_t>(i) * h + s) * d, d,
                    step.data() + static_cast<std::size_t>(i) * d);
      }
      for (int i = 0; i < b; ++i) steps += venv->finished()[i] ? 0 : 1;
      venv->step(step.data());
      for (int i = 0; i < b; ++i) {
        if (ended[i]) continue;
        const float r = venv->rewards()[i];
        reward[i] += r;
        epReturn[i] += r;
        ++epLength[i];
        const auto& env = venv->env(i);
        if (i < record) {
          const auto st = sim::captureState(env.taskModel().model(), env.data());
          recording[i].insert(recording[i].end(), st.begin(), st.end());
        }
        if (!venv->terminated()[i] && !venv->truncated()[i]) continue;
        ended[i] = 1;
        truncated[i] = venv->truncated()[i];
        EpisodeSummary e;
        e.task = env.taskModel().task().fullName();
        e.seed = env.episodeSeed();
        e.success = venv->terminated()[i] != 0;
        e.episodeReturn = epReturn[i];
        e.length = epLength[i];
        if (i < record) {
          e.stateDim =
              static_cast<int>(sim::captureState(env.taskModel().model(), env.data()).size());
          e.states = std::move(recording[i]);
        }
        finished.push_back(std::move(e));
      }
    }
  }

  // starts bookkeeping for environments whose episode (re)started
  void beginEpisodes(const std::vector<std::uint8_t>& which) {
    const int record = std::min(cfg.rl.recordEpisodes, venv->size());
    for (int i = 0; i < venv->size(); ++i) {
      if (!which[i]) continue;
      epReturn[i] = 0.0;
      epLength[i] = 0;
      if (i < record) {
        const auto& env = venv->env(i);
        recording[i] = sim::captureState(env.taskModel().model(), env.data());
      }
    }
  }

  // the groups' outcome ([groups], 1 = kept) completes the iteration's slots
  void recordRevisits(const torch::Tensor& groupKept,
                      std::vector<std::pair<std::string, double>>& m) {
    const auto k = groupKept.to(torch::kCPU).contiguous();
    const auto* kept = k.data_ptr<float>();
    int revisited = 0, revisitedKept = 0;
    for (std::size_t s = 0; s < playing.kept.size(); ++s) {
      playing.kept[s] = kept[s] > 0.5f ? 1 : 0;
      revisited += playing.revisited[s];
      revisitedKept += playing.revisited[s] && playing.kept[s];
    }
    slots = playing;
    m.push_back({"rollout/groups_revisited",
                 revisited / std::max<double>(static_cast<double>(playing.kept.size()), 1.0)});
    if (revisited > 0) {
      m.push_back({"rollout/revisited_kept", revisitedKept / static_cast<double>(revisited)});
    }
  }

  Batch rollout(bool grpo);
  Result<std::vector<std::pair<std::string, double>>> update(Batch& batch, bool grpo);
  Status evaluate(IterationReport& report, bool ood);
  Result<std::string> checkpoint(const std::string& name = {});
};

Batch Trainer::Impl::rollout(bool grpo) {
  const int b = venv->size();
  const int n = cfg.policy.denoiseSteps;
  const int k = cfg.policy.actionChunk;
  const auto dev = bundle->device;
  Batch batch;
  std::vector<torch::Tensor> obs, chains, js, logps, values, rewards, dones, truncs, finals, valids;
  std::vector<std::uint8_t> active(b, 1);
  if (grpo) {
    // every environment plays one episode; groups share their reset seeds
    resetGroups(deriveSeed(cfg.seed, 5000 + static_cast<std::uint64_t>(iteration)));
    beginEpisodes(std::vector<std::uint8_t>(b, 1));
    restartNoise(std::vector<std::uint8_t>(b, 1));
  }
  int maxSteps = 0;
  for (int i = 0; i < b; ++i) maxSteps = std::max(maxSteps, venv->env(i).maxEpisodeSteps());
  const int chunks = grpo ? (maxSteps + k - 1) / k : cfg.rl.rolloutChunks;
  for (int c = 0; c < chunks; ++c) {
    if (!waitWhilePaused()) {
      batch.stopped = true;
      return batch;
    }
    if (grpo && std::none_of(active.begin(), active.end(), [](auto a) { return a != 0; })) break;
    auto o = bundle->observations(venv->observations(), b);
    policy::ChainSample sample;
    {
      torch::NoGradGuard ng;
      auto e = bundle->net->encode(o, tokens);
      // drawn one after the other: argument evaluation order is unspecified
      const auto stepNoise = nextChunkNoise();
      const auto initNoise = nextInitNoise();
      sample = policy::sampleChain(*bundle->net, e, mode, n, -1, &gen, stepNoise, 1.0, initNoise);
    }
    if (grpo) measureInitNoise(sample.chain.select(1, 0));
    const auto& d0 = venv->env(0);
    const auto ee = d0.taskModel().robot().eePosition(d0.data());
    publishSnapshot(sample, {ee[0], ee[1], ee[2], d0.taskModel().robot().eeYaw(d0.data())});
    const auto actions = bundle->environmentActions(sample.chain.select(1, n));
    std::vector<float> reward(b, 0.0f);
    std::vector<std::uint8_t> ended(b, 0), truncated(b, 0);
    for (int i = 0; i < b; ++i) ended[i] = active[i] ? 0 : 1;
    runChunk(actions, reward, ended, truncated, batch.envSteps);
    for (int i = 0; i < b; ++i) ended[i] = active[i] && ended[i];

    obs.push_back(o);
    chains.push_back(sample.chain);
    js.push_back(torch::full({1}, sample.j, torch::kLong));
    logps.push_back(sample.logprob.slice(1, 0, k));
    values.push_back(sample.value);
    rewards.push_back(torch::tensor(reward).to(dev));
    auto endedT = torch::tensor(std::vector<float>(ended.begin(), ended.end())).to(dev);
    auto truncT = torch::tensor(std::vector<float>(truncated.begin(), truncated.end())).to(dev);
    dones.push_back(endedT);
    truncs.push_back(truncT * endedT);
    valids.push_back(torch::tensor(std::vector<float>(active.begin(), active.end())).to(dev));
    // value of the observation where a time limit cut the episode off
    const bool anyTruncated =
        std::any_of(truncated.begin(), truncated.end(), [](auto t) { return t != 0; });
    finals.push_back(!grpo && anyTruncated ? valueOf(bundle->observations(venv->observations(), b))
                                           : torch::zeros({b}, torch::TensorOptions().device(dev)));
    if (grpo) {
      for (int i = 0; i < b; ++i) active[i] = active[i] && !ended[i];
    } else {
      venv->resetFinished();
      beginEpisodes(ended);
      restartNoise(ended);
    }
  }
  batch.obs = torch::stack(obs);
  batch.chain = torch::stack(chains);
  batch.j = torch::cat(js);
  batch.logpOld = torch::stack(logps);
  batch.valueOld = torch::stack(values);
  batch.reward = torch::stack(rewards);
  batch.done = torch::stack(dones);
  batch.truncated = torch::stack(truncs);
  batch.finalValue = torch::stack(finals);
  batch.valid = torch::stack(valids);
  batch.lastValue = grpo ? torch::zeros({b}, torch::TensorOptions().device(dev))
                         : valueOf(bundle->observations(venv->observations(), b));
  return batch;
}

Result<std::vector<std::pair<std::string, double>>> Trainer::Impl::update(Batch& batch, bool grpo) {
  const auto c = batch.obs.size(0);
  const auto b = batch.obs.size(1);
  const int k = cfg.policy.actionChunk;
  const auto dev = bundle->device;
  std::vector<std::pair<std::string, double>> m;

  torch::Tensor adv, ret;
  if (grpo) {
    // group-relative score of each environment's episode, broadcast to its chunks
    auto score = (batch.reward * batch.valid).sum(0);  // [B]
    // success = the episode terminated (not cut off by the time limit); not "reward > 0",
    // which dense shaping would satisfy on any progress
    auto success = ((batch.done - batch.truncated) > 0.5).to(torch::kFloat).amax(0);
    const int g = cfg.rl.groupSize;
    auto s = score.view({b / g, g});
    auto groupAdv = (s - s.mean(1, true)) / (s.std(1, /*unbiased=*/false, true) + 1e-6);
    auto meanSuccess = success.view({b / g, g}).mean(1, true);
    auto keep = ((meanSuccess >= cfg.rl.groupFilter[0]) & (meanSuccess <= cfg.rl.groupFilter[1]))
                    .to(torch::kFloat)
                    .expand({b / g, g})
                    .reshape({b});
    adv = groupAdv.reshape({b}).unsqueeze(0).expand({c, b}) * keep.unsqueeze(0);
    ret = adv;
    m.push_back({"rollout/groups_kept", keep.mean().item<double>()});
    if (cfg.rl.revisitFraction > 0.0) recordRevisits(keep.view({b / g, g}).select(1, 0), m);
    auto valid = batch.valid * keep.unsqueeze(0);
    batch.valid = valid;
  } else {
    std::tie(adv, ret) =
        computeGae(batch.reward, batch.valueOld, batch.done, batch.truncated, batch.finalValue,
                   batch.lastValue, cfg.rl.gamma, cfg.rl.gaeLambda);
  }
  if (noiseCorrCount > 0) {
    m.push_back({"rollout/noise_correlation", noiseCorrSum / noiseCorrCount});
    noiseCorrSum = 0.0;
    noiseCorrCount = 0;
  }
  if (initWithinCount > 0) {
    m.push_back({"rollout/init_noise_within_group", initWithinSum / initWithinCount});
    initWithinSum = 0.0;
    initWithinCount = 0;
  }
  auto validMask = batch.valid > 0.5;
  const auto nValid = validMask.sum().item<std::int64_t>();
  if (nValid == 0) {
    m.push_back({"train/actor/skipped", 1.0});
    return m;
  }
  m.push_back({"rollout/rewards", batch.reward.masked_select(validMask).mean().item<double>()});
  m.push_back({"rollout/advantages_mean", adv.masked_select(validMask).mean().item<double>()});
  m.push_back({"rollout/advantages_max", adv.masked_select(validMask).max().item<double>()});
  m.push_back({"rollout/advantages_min", adv.masked_select(validMask).min().item<double>()});
  m.push_back({"rollout/returns_mean", ret.masked_select(validMask).mean().item<double>()});
  auto advN = normalizeAdvantages(adv, batch.valid).reshape({-1});

  // flatten [C, B, ...] to samples
  const auto samples = c * b;
  auto obs = batch.obs.reshape({samples, -1});
  auto tok = tokens.repeat({c, 1});
  auto chain =
      batch.chain.reshape({samples, batch.chain.size(2), batch.chain.size(3), batch.chain.size(4)});
  auto j = batch.j.to(dev).view({c, 1}).expand({c, b}).reshape({samples});
  auto logpOld = batch.logpOld.reshape({samples, k, -1});
  auto vOld = batch.valueOld.reshape({samples});
  auto retF = ret.reshape({samples});
  auto validIdx = validMask.reshape({samples}).nonzero().squeeze(1);

  const int minibatches = std::max<int>(1, std::min<std::int64_t>(cfg.rl.minibatches, nValid));
  const auto mb = nValid / minibatches;
  const bool warmup = !grpo && iteration <= cfg.rl.criticWarmup;
  const int actorStart = grpo ? 0 : cfg.rl.criticWarmup;
  const double actorLr =
      scheduledLr(cfg.rl.actorLr, cfg.rl.lrSchedule, cfg.rl.lrEndFraction, iteration - actorStart,
                  cfg.rl.iterations - actorStart, cfg.rl.actorLrWarmup);
  static_cast<torch::optim::AdamWOptions&>(optimizer->param_groups()[0].options()).lr(actorLr);
  const bool elementLevel = cfg.rl.logprobLevel == "element";
  double pgSum = 0, vSum = 0, klSum = 0, clipSum = 0, ratioSum = 0, entSum = 0, gradSum = 0;
  double firstClip = 0;
  int updates = 0;
  for (int epoch = 0; epoch < cfg.rl.updateEpochs; ++epoch) {
    auto perm = validIdx.index_select(0, torch::randperm(nValid, gen, torch::kLong).to(dev));
    for (int mIdx = 0; mIdx < minibatches; ++mIdx) {
      auto ids = perm.slice(0, mIdx * mb, (mIdx + 1) * mb);
      auto e = bundle->net->encode(obs.index_select(0, ids), tok.index_select(0, ids));
      auto den = policy::policyDenoiser(*bundle->net, e);
      auto ev =
          policy::evaluateChain(den, chain.index_select(0, ids), mode, j.index_select(0, ids));
      auto lpE = ev.logprob.slice(1, 0, k);
      auto lpOldE = logpOld.index_select(0, ids);
      auto a = advN.index_select(0, ids);
      torch::Tensor lp = lpE.sum({1, 2}), lpo = lpOldE.sum({1, 2});
      torch::Tensor pg;
      auto ones = torch::ones_like(lp);
      if (elementLevel) {
        pg = ppoPolicyLoss(lpE, lpOldE, a.view({-1, 1, 1}), torch::ones_like(lpE), cfg.rl.clip);
      } else {
        pg = ppoPolicyLoss(lp, lpo, a, ones, cfg.rl.clip);
      }
      torch::Tensor ratioT = elementLevel ? torch::exp(lpE - lpOldE) : torch::exp(lp - lpo);
      auto entropy = ev.entropy.slice(1, 0, k).mean();
      torch::Tensor loss = warmup ? torch::zeros({}, lp.options()) : pg;
      torch::Tensor vloss = torch::zeros({}, lp.options());
      if (!grpo) {
        vloss = clippedValueLoss(ev.value, vOld.index_select(0, ids), retF.index_select(0, ids),
                                 ones, cfg.rl.valueClip, cfg.rl.huberDelta);
        loss = loss + vloss;
      }
      if (mode == policy::SampleMode::kFlowNoise && !warmup) {
        loss = loss - cfg.rl.entropyBonus * entropy;
      }
      if (cfg.rl.faultNanIteration == iteration) loss = loss * std::nan("");
      if (!std::isfinite(loss.item<double>())) {
        return Error{"the loss became non-finite at iteration " + std::to_string(iteration) +
                     "; the run stopped and keeps its last good checkpoint (lower the learning "
                     "rates or check the config)"};
      }
      optimizer->zero_grad();
      loss.backward();
      const double gradNorm =
          torch::nn::utils::clip_grad_norm_(bundle->net->parameters(), cfg.rl.maxGradNorm);
      optimizer->step();
      const double clipFrac =
          ((ratioT - 1.0).abs() > cfg.rl.clip).to(torch::kFloat).mean().item<double>();
      if (updates == 0) firstClip = clipFrac;
      pgSum += pg.item<double>();
      vSum += vloss.item<double>();
      klSum += -(lp - lpo).mean().item<double>();
      clipSum += clipFrac;
      ratioSum += ratioT.mean().item<double>();
      entSum += entropy.item<double>();
      gradSum += gradNorm;
      ++updates;
    }
  }
  const double u = std::max(updates, 1);
  m.push_back({"train/samples", static_cast<double>(nValid)});
  m.push_back({"train/actor/policy_loss", pgSum / u});
  m.push_back({"train/actor/approx_kl", klSum / u});
  m.push_back({"train/actor/clip_fraction", clipSum / u});
  m.push_back({"train/actor/first_clip_fraction", firstClip});
  m.push_back({"train/actor/ratio", ratioSum / u});
  m.push_back({"train/actor/entropy_loss", entSum / u});
  m.push_back({"train/actor/grad_norm", gradSum / u});
  m.push_back({"train/actor/lr", warmup ? 0.0 : actorLr});
  if (!grpo) {
    m.push_back({"train/critic/value_loss", vSum / u});
    auto r = ret.masked_select(validMask);
    auto v = batch.valueOld.masked_select(validMask);
    const double varR = r.var().item<double>();
    m.push_back({"train/critic/explained_variance",
                 varR > 0 ? 1.0 - (r - v).var().item<double>() / varR : 0.0});
    m.push_back({"train/critic/lr", cfg.rl.criticLr});
  }
  return m;
}

Status Trainer::Impl::evaluate(IterationReport& report, bool ood) {
  if (!evalEnabled) return {};
  auto ev = evaluatePolicy(*bundle, cfg.tasks, cfg.eval, cfg.env, cfg.threads);
  if (!ev) return ev.error();
  report.eval = ev.value();
  for (auto& m : evalMetrics(ev.value())) report.metrics.push_back(std::move(m));
  if (!ood || !cfg.eval.ood) return {};
  for (const char* variant : {"ood_vision", "ood_semantic", "ood_execution"}) {
    std::vector<std::string> tasks;
    for (const auto& t : cfg.tasks) {
      if (t.find('@') == std::string::npos) tasks.push_back(t + "@" + variant);
    }
    if (tasks.empty()) continue;
    auto r = evaluatePolicy(*bundle, tasks, cfg.eval, cfg.env, cfg.threads);
    if (!r) return r.error();
    report.oodEval[variant] = r.value();
    report.metrics.push_back(
        {std::string("eval_ood/") + variant + "/success_once", r->meanSuccess});
  }
  return {};
}

Result<std::string> Trainer::Impl::checkpoint(const std::string& name) {
  const std::string dir =
      runDir + "/checkpoints/" + (name.empty() ? checkpointDirName(iteration) : name);
  nlohmann::json trainer = {{"stage", "rl"}, {"iteration", iteration}, {"env_steps", envSteps}};
  if (!slots.seed.empty()) {
    trainer["revisit"] = {{"seed", slots.seed}, {"plays", slots.plays}, {"kept", slots.kept}};
  }
  if (auto s = saveCheckpoint(dir, iteration, *bundle, optimizer.get(), configYaml, trainer.dump());
      !s) {
    return s.error();
  }
  return dir;
}

Trainer::Trainer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Trainer::~Trainer() = default;

Result<std::unique_ptr<Trainer>> Trainer::create(const TrainConfig& config,
                                                 const std::string& runDir,
                                                 const std::optional<ResumePoint>& resume) {
  if (auto s = config.validate(); !s) return s.error();
  auto device = policy::selectDevice(config.device);
  if (!device) return device.error();
  auto impl = std::make_unique<Impl>();
  impl->cfg = config;
  impl->runDir = runDir;
  TrainConfig stored = config;
  impl->configYaml = stored.toYaml();
  auto mode = policy::parseSampleMode(config.rl.method);
  if (!mode) return mode.error();
  impl->mode = mode.value();

  const std::string from = resume ? resume->checkpointDir : config.rl.initCheckpoint;
  auto loaded = loadCheckpoint(from, device.value());
  if (!loaded) return loaded.error();
  impl->bundle = std::move(loaded->bundle);
  if (impl->bundle->options.chunk != config.policy.chunk) {
    return Error{"policy.chunk (" + std::to_string(config.policy.chunk) +
                 ") differs from the checkpoint's (" + std::to_string(impl->bundle->options.chunk) +
                 ")"};
  }
  impl->bundle->net->setSamplingOptions(config.policy);
  impl->bundle->options = impl->bundle->net->options();

  // actor (encoder, expert, noise head) and critic (value head) learn at their own rates
  std::vector<torch::Tensor> actor, critic;
  for (const auto& p : impl->bundle->net->named_parameters()) {
    (p.key().rfind("value_head", 0) == 0 ? critic : actor).push_back(p.value());
  }
  std::vector<torch::optim::OptimizerParamGroup> groups;
  auto group = [&](std::vector<torch::Tensor> params, double lr) {
    auto o = std::make_unique<torch::optim::AdamWOptions>(lr);
    o->betas({0.9, 0.95}).eps(1e-8).weight_decay(config.rl.weightDecay);
    groups.emplace_back(std::move(params), std::move(o));
  };
  group(actor, config.rl.actorLr);
  group(critic, config.rl.criticLr);
  impl->optimizer = std::make_unique<torch::optim::AdamW>(
      std::move(groups), torch::optim::AdamWOptions(config.rl.actorLr));
  if (resume) {
    try {
      const auto counters = nlohmann::json::parse(loaded->manifest.trainer);
      impl->startIteration = counters.value("iteration", 0);
      impl->envSteps = counters.value("env_steps", std::int64_t{0});
      if (config.rl.revisitFraction > 0.0 && counters.contains("revisit")) {
        const auto& r = counters.at("revisit");
        auto& slots = impl->slots;
        slots.seed = r.at("seed").get<std::vector<std::uint64_t>>();
        slots.plays = r.at("plays").get<std::vector<int>>();
        slots.kept = r.at("kept").get<std::vector<std::uint8_t>>();
        const auto groups = static_cast<std::size_t>(config.rl.numEnvs / config.rl.groupSize);
        if (slots.seed.size() != groups || slots.plays.size() != groups ||
            slots.kept.size() != groups) {
          slots = {};  // another group layout: start with fresh states
        }
        slots.revisited.assign(slots.seed.size(), 0);
      }
      if (loaded->hasOptimizer) impl->optimizer->load(*loaded->optimizerState);
    } catch (const std::exception& e) {
      return Error{"cannot resume from '" + from + "': " + e.what()};
    }
  }

  sim::VectorEnvOptions vo;
  vo.tasks = config.tasks;
  vo.numEnvs = config.rl.numEnvs;
  vo.threads = config.threads;
  vo.seed = deriveSeed(config.seed, 11 + static_cast<std::uint64_t>(impl->startIteration));
  vo.env = config.env;
  if (config.rl.maxEpisodeSteps > 0) vo.env.maxEpisodeSteps = config.rl.maxEpisodeSteps;
  vo.autoReset = false;
  vo.groupSize = config.rl.advType == "grpo" ? config.rl.groupSize : 1;
  auto venv = sim::VectorEnv::create(vo);
  if (!venv) return venv.error();
  impl->venv = std::move(venv).value();
  std::vector<std::string> instructions;
  for (int i = 0; i < impl->venv->size(); ++i) {
    instructions.push_back(impl->venv->env(i).taskModel().task().instruction());
  }
  impl->tokens = impl->bundle->tokens(instructions);
  const int b = impl->venv->size();
  impl->epReturn.assign(b, 0.0);
  impl->epLength.assign(b, 0);
  impl->recording.assign(b, {});
  impl->beginEpisodes(std::vector<std::uint8_t>(b, 1));
  return std::unique_ptr<Trainer>(new Trainer(std::move(impl)));
}

Result<TrainerOutcome> Trainer::run(const TrainerCallbacks& callbacks) {
  Impl& s = *m_impl;
  const auto start = Clock::now();
  const bool grpo = s.cfg.rl.advType == "grpo";
  s.bundle->net->train();
  TrainerOutcome out;
  out.device = s.bundle->device.str() == "cuda" ? "cuda:0" : s.bundle->device.str();
  s.iteration = s.startIteration;
  if (s.startIteration == 0) {
    IterationReport first;
    first.iterations = s.cfg.rl.iterations;
    if (auto st = s.evaluate(first, true); !st) return st.error();
    if (first.eval) out.finalEval = *first.eval;
    if (callbacks.onStart) {
      if (auto st = callbacks.onStart(first); !st) return st.error();
    }
  }
  std::string lastCheckpoint;
  bool stopped = false;
  while (s.iteration < s.cfg.rl.iterations) {
    ++s.iteration;
    s.gen.set_current_seed(deriveSeed(s.cfg.seed, 1000 + static_cast<std::uint64_t>(s.iteration)));
    IterationReport report;
    report.iteration = s.iteration;
    report.iterations = s.cfg.rl.iterations;
    const auto t0 = Clock::now();
    s.finished.clear();
    Batch batch = s.rollout(grpo);
    const double rolloutS = since(t0);
    if (batch.stopped) {
      --s.iteration;
      stopped = true;
      break;
    }
    s.envSteps += batch.envSteps;
    const auto t1 = Clock::now();
    auto metrics = s.update(batch, grpo);
    if (!metrics) {
      s.state = static_cast<int>(TrainerState::kFailed);
      return metrics.error();
    }
    const double updateS = since(t1);
    report.metrics = std::move(metrics).value();
    int successes = 0;
    double returns = 0, lengths = 0;
    for (const auto& e : s.finished) {
      successes += e.success ? 1 : 0;
      returns += e.episodeReturn;
      lengths += e.length;
    }
    const double eps = std::max<double>(s.finished.size(), 1);
    if (!s.finished.empty()) {
      report.metrics.push_back({"env/success_once", successes / eps});
      report.metrics.push_back({"env/success_at_end", successes / eps});
      report.metrics.push_back({"env/return", returns / eps});
      report.metrics.push_back({"env/episode_len", lengths / eps});
    }
    report.metrics.push_back({"env/episodes", static_cast<double>(s.finished.size())});
    report.metrics.push_back({"time/rollout_s", rolloutS});
    report.metrics.push_back({"time/update_s", updateS});
    report.metrics.push_back(
        {"throughput/env_steps_per_s", batch.envSteps / std::max(rolloutS, 1e-9)});
    const bool last = s.iteration == s.cfg.rl.iterations;
    if (last || (s.cfg.eval.every > 0 && s.iteration % s.cfg.eval.every == 0)) {
      if (auto st = s.evaluate(report, last); !st) return st.error();
      if (report.eval) out.finalEval = *report.eval;
    }
    if (last || s.iteration % s.cfg.rl.checkpointEvery == 0) {
      auto dir = s.checkpoint();
      if (!dir) return dir.error();
      report.checkpointDir = lastCheckpoint = dir.value();
    } else if (auto latest = s.checkpoint(kLatestCheckpoint); !latest) {
      // between kept checkpoints a rolling one lets a killed run resume at this iteration
      return latest.error();
    }
    report.envSteps = s.envSteps;
    report.seconds = since(start);
    report.episodes = std::move(s.finished);
    s.finished.clear();
    if (callbacks.onIteration) {
      if (auto st = callbacks.onIteration(report); !st) return st.error();
    }
    if (s.stopping()) {
      stopped = s.iteration < s.cfg.rl.iterations;
      break;
    }
  }
  if (stopped) {
    // a clean stop: evaluate and keep the current policy
    IterationReport report;
    report.iteration = s.iteration;
    report.iterations = s.cfg.rl.iterations;
    if (auto st = s.evaluate(report, false); !st) return st.error();
    if (report.eval) out.finalEval = *report.eval;
    auto dir = s.checkpoint();
    if (!dir) return dir.error();
    lastCheckpoint = dir.value();
  }
  s.state = static_cast<int>(stopped ? TrainerState::kStopped : TrainerState::kFinished);
  out.iterations = s.iteration;
  out.envSteps = s.envSteps;
  out.checkpointDir = lastCheckpoint;
  out.stopped = stopped;
  out.seconds = since(start);
  return out;
}

void Trainer::pause() {
  int expected = static_cast<int>(TrainerState::kRunning);
  m_impl->state.compare_exchange_strong(expected, static_cast<int>(TrainerState::kPaused));
}

void Trainer::resume() {
  {
    std::lock_guard lock(m_impl->pauseMutex);
    int expected = static_cast<int>(TrainerState::kPaused);
    m_impl->state.compare_exchange_strong(expected, static_cast<int>(TrainerState::kRunning));
  }
  m_impl->pauseCv.notify_all();
}

void Trainer::stop() {
  {
    std::lock_guard lock(m_impl->pauseMutex);
    m_impl->state = static_cast<int>(TrainerState::kStopping);
  }
  m_impl->pauseCv.notify_all();
}

TrainerState Trainer::state() const { return m_impl->current(); }

double IterationReport::metric(const std::string& key) const {
  for (const auto& [k, v] : metrics) {
    if (k == key) return v;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

std::shared_ptr<const TrainerSnapshot> Trainer::snapshot() const {
  std::lock_guard lock(m_impl->snapMutex);
  return m_impl->snap;
}

int Trainer::startIteration() const { return m_impl->startIteration; }

void Trainer::setEvaluationEnabled(bool enabled) { m_impl->evalEnabled = enabled; }

void Trainer::setExternalStop(const std::atomic<bool>* flag) { m_impl->externalStop = flag; }

}  // namespace pirl::rl

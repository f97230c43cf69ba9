#include <torch/torch.h>
#include <QTemporaryDir>
#include <QtTest>

#include <ATen/CPUGeneratorImpl.h>

#include <map>
#include <optional>
#include <thread>

#include "core/common/file_util.h"
#include "core/policy/flow_policy.h"
#include "core/policy/sampler.h"
#include "core/rl/checkpoint.h"
#include "core/rl/inspect.h"
#include "core/rl/ppo.h"
#include "core/rl/sft.h"
#include "core/rl/trainer.h"
#include "core/session/training_session.h"
#include "core/storage/database.h"

using namespace pirl;

namespace {

// runs a trainer on `cfg` (resumed from `resume` when given) and returns every iteration's
// report (empty, with the reason on the log, when the trainer cannot start or fails)
std::vector<rl::IterationReport> reportsOf(const rl::TrainConfig& cfg, bool evaluate = true,
                                           const std::optional<rl::ResumePoint>& resume = {}) {
  QTemporaryDir dir;
  auto trainer = rl::Trainer::create(cfg, dir.path().toStdString(), resume);
  if (!trainer) {
    qWarning("%s", trainer.error().message.c_str());
    return {};
  }
  trainer.value()->setEvaluationEnabled(evaluate);
  std::vector<rl::IterationReport> reports;
  rl::TrainerCallbacks cb;
  cb.onIteration = [&](const rl::IterationReport& r) -> Status {
    reports.push_back(r);
    return {};
  };
  if (auto out = trainer.value()->run(cb); !out) {
    qWarning("%s", out.error().message.c_str());
    return {};
  }
  return reports;
}

// `key` from every iteration's report of a trainer run on `cfg` (see reportsOf)
std::vector<double> metricEachIteration(const rl::TrainConfig& cfg, const std::string& key,
                                        bool evaluate = true) {
  std::vector<double> values;
  for (const auto& r : reportsOf(cfg, evaluate)) values.push_back(r.metric(key));
  return values;
}

}  // namespace

class TestRl : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  std::string m_sft;  // a weak SFT checkpoint on reach, shared by the tests

  rl::TrainConfig rlConfig(const std::string& extra = "") {
    auto c = rl::parseTrainConfig(
        "name: rl\nstage: rl\nseed: 1\ntasks: [reach]\n"
        "policy: {width: 128, depth: 2, chunk: 4, action_chunk: 2}\n"
        "rl: {init_checkpoint: " +
            m_sft +
            ", iterations: 4, num_envs: 16, rollout_chunks: 6, update_epochs: 2, minibatches: 2, "
            "actor_lr: 0.0001, checkpoint_every: 2}\n"
            "eval: {episodes: 16, envs: 16, ood: false}\n" +
            extra,
        "test");
    if (!c) qFatal("%s", c.error().message.c_str());
    return c.value();
  }

  // rlConfig with advantages `adv` (gae or grpo, groups of 4) for `iterations` iterations
  rl::TrainConfig configFor(const QString& adv, int iterations) {
    auto cfg = rlConfig();
    cfg.rl.advType = adv.toStdString();
    cfg.rl.groupSize = 4;
    cfg.rl.iterations = iterations;
    return cfg;
  }

  // one data row per advantage estimator, column "adv"
  static void advantageRows() {
    QTest::addColumn<QString>("adv");
    QTest::newRow("gae") << "gae";
    QTest::newRow("grpo") << "grpo";
  }

 private Q_SLOTS:
  void initTestCase() {
    auto cfg = rl::parseTrainConfig(
        "seed: 2\ntasks: [reach]\npolicy: {width: 128, depth: 2, chunk: 4, action_chunk: 2}\n"
        "sft: {demos_per_task: 10, epochs: 60, batch_size: 16, lr: 0.002}\n"
        "eval: {episodes: 16, envs: 16}\n",
        "sft");
    QVERIFY(cfg.ok());
    auto out = rl::runSft(cfg.value(), (m_dir.path() + "/sft").toStdString());
    QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
    m_sft = out->checkpointDir;
  }

  void gaeMatchesAHandComputedExample() {
    // two environments, three chunks; env 1 is cut off by the time limit after chunk 1
    auto rewards = torch::tensor({{0.0f, 0.0f}, {0.0f, 0.0f}, {1.0f, 0.0f}});
    auto values = torch::tensor({{0.5f, 0.2f}, {0.6f, 0.4f}, {0.7f, 0.1f}});
    auto done = torch::tensor({{0.0f, 0.0f}, {0.0f, 1.0f}, {1.0f, 0.0f}});
    auto truncated = torch::tensor({{0.0f, 0.0f}, {0.0f, 1.0f}, {0.0f, 0.0f}});
    auto finalValue = torch::tensor({{0.0f, 0.0f}, {0.0f, 0.5f}, {0.0f, 0.0f}});
    auto last = torch::tensor({0.3f, 0.6f});
    auto [adv, ret] = rl::computeGae(rewards, values, done, truncated, finalValue, last, 0.9, 0.8);
    const float expected[3][2] = {{0.21712f, 0.196f}, {0.246f, 0.05f}, {0.3f, 0.44f}};
    for (int t = 0; t < 3; ++t) {
      for (int b = 0; b < 2; ++b) {
        QVERIFY2(std::abs(adv[t][b].item<float>() - expected[t][b]) < 1e-5,
                 qPrintable(QString("t=%1 b=%2: %3").arg(t).arg(b).arg(adv[t][b].item<float>())));
      }
    }
    QVERIFY(torch::allclose(ret, adv + values));
    auto norm = rl::normalizeAdvantages(adv, torch::ones_like(adv));
    QVERIFY(std::abs(norm.mean().item<double>()) < 1e-6);
  }

  void ppoLossesFollowTheFormulas() {
    auto logp = torch::tensor({0.5f, -0.5f});
    auto old = torch::zeros({2});
    auto adv = torch::tensor({1.0f, 1.0f});
    // r = e^0.5 = 1.65 clipped to 1.2 for a positive advantage; r = e^-0.5 = 0.61 not clipped
    const double expected = (-1.2 + -std::exp(-0.5)) / 2;
    auto loss = rl::ppoPolicyLoss(logp, old, adv, torch::ones({2}), 0.2);
    QVERIFY(std::abs(loss.item<double>() - expected) < 1e-6);
    // value clipping takes the larger loss
    auto v = rl::clippedValueLoss(torch::tensor({1.0f}), torch::tensor({0.0f}),
                                  torch::tensor({1.0f}), torch::ones({1}), 0.2, 10.0);
    QVERIFY(std::abs(v.item<double>() - 0.5 * 0.8 * 0.8) < 1e-6);
  }

  void learningRateSchedules() {
    QCOMPARE(rl::scheduledLr(1e-4, "constant", 0.1, 7, 10), 1e-4);
    for (const char* s : {"linear", "cosine"}) {
      QVERIFY(std::abs(rl::scheduledLr(1e-4, s, 0.1, 1, 10) - 1e-4) < 1e-12);
      QVERIFY(std::abs(rl::scheduledLr(1e-4, s, 0.1, 10, 10) - 1e-5) < 1e-12);
    }
    // halfway: linear is at the mean of start and end, cosine too (cos(pi/2) = 0)
    QVERIFY(std::abs(rl::scheduledLr(1.0, "linear", 0.0, 3, 5) - 0.5) < 1e-12);
    QVERIFY(std::abs(rl::scheduledLr(1.0, "cosine", 0.0, 3, 5) - 0.5) < 1e-12);
    // a quarter of the way: cosine decays more slowly than linear
    QVERIFY(rl::scheduledLr(1.0, "cosine", 0.0, 2, 5) > rl::scheduledLr(1.0, "linear", 0.0, 2, 5));

    // the trainer applies it after the critic warm-up and logs it
    auto cfg = rlConfig();
    cfg.rl.iterations = 4;
    cfg.rl.criticWarmup = 1;
    cfg.rl.lrSchedule = "linear";
    cfg.rl.lrEndFraction = 0.25;
    const auto lrs = metricEachIteration(cfg, "train/actor/lr");
    QCOMPARE(int(lrs.size()), 4);
    const double base = cfg.rl.actorLr;
    QCOMPARE(lrs[0], 0.0);
    QVERIFY(std::abs(lrs[1] - base) < 1e-12);
    QVERIFY(std::abs(lrs[2] - base * 0.625) < 1e-12);
    QVERIFY(std::abs(lrs[3] - base * 0.25) < 1e-12);

    // a linear warm-up over the actor's first iterations, on top of the schedule
    QCOMPARE(rl::scheduledLr(1.0, "constant", 0.0, 1, 10, 4), 0.25);
    QCOMPARE(rl::scheduledLr(1.0, "constant", 0.0, 3, 10, 4), 0.75);
    QCOMPARE(rl::scheduledLr(1.0, "constant", 0.0, 4, 10, 4), 1.0);
    QCOMPARE(rl::scheduledLr(1.0, "linear", 0.0, 2, 3, 4), 0.5 * 0.5);
    cfg.rl.actorLrWarmup = 2;
    const auto warm = metricEachIteration(cfg, "train/actor/lr");
    QCOMPARE(int(warm.size()), 4);
    QCOMPARE(warm[0], 0.0);
    QVERIFY(std::abs(warm[1] - base * 0.5) < 1e-12);
    QVERIFY(std::abs(warm[2] - base * 0.625) < 1e-12);
    QVERIFY(std::abs(warm[3] - base * 0.25) < 1e-12);
  }

  void ppoMovesActionsTowardsRewards_data() {
    QTest::addColumn<QString>("method");
    QTest::newRow("flow_noise") << "flow_noise";
    QTest::newRow("flow_sde") << "flow_sde";
  }

  void ppoMovesActionsTowardsRewards() {
    // a one-step bandit: reward = -|a - 1| on the first action element; PPO with the rollout
    // and learner code must move the deterministic (ODE) action towards 1
    QFETCH(QString, method);
    const auto mode = policy::parseSampleMode(method.toStdString()).value();
    torch::manual_seed(0);
    policy::PolicyOptions o;
    o.width = 64;
    o.chunk = 2;
    policy::FlowPolicy net(o, 4, 2, 8);
    torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(3e-4));
    const auto obs = torch::zeros({256, 4});
    const auto tok = torch::ones({256, 2}, torch::kLong);
    // mean distance of the deterministic policy's actions from 1, over fixed initial noise
    auto odeAction = [&] {
      torch::NoGradGuard ng;
      at::Generator gen = at::detail::createCPUGenerator(7);
      auto e = net->encode(obs, tok);
      auto chain = policy::sampleChain(*net, e, policy::SampleMode::kOde, 4, -1, &gen).chain;
      return (chain.select(1, 4).select(1, 0).select(1, 0) - 1.0).abs().mean().item<double>();
    };
    const double before = odeAction();
    for (int it = 0; it < 60; ++it) {
      policy::ChainSample s;
      {
        torch::NoGradGuard ng;
        s = policy::sampleChain(*net, net->encode(obs, tok), mode, 4);
      }
      auto action = s.chain.select(1, 4).select(1, 0).select(1, 0);  // [B]
      auto reward = -(action - 1.0).abs();
      auto adv = (reward - reward.mean()) / (reward.std() + 1e-6);
      auto lpOld = s.logprob.sum({1, 2});
      for (int epoch = 0; epoch < 2; ++epoch) {
        auto e = net->encode(obs, tok);
        auto den = policy::policyDenoiser(*net, e);
        auto ev = policy::evaluateChain(den, s.chain, mode, torch::full({256}, s.j, torch::kLong));
        auto loss = rl::ppoPolicyLoss(ev.logprob.sum({1, 2}), lpOld, adv, torch::ones({256}), 0.2);
        opt.zero_grad();
        loss.backward();
        opt.step();
      }
    }
    const double after = odeAction();
    qInfo("%s: mean |a - 1| %.3f -> %.3f", qPrintable(method), before, after);
    QVERIFY2(after < 0.75 * before, qPrintable(QString("%1 -> %2").arg(before).arg(after)));
  }

  void firstMinibatchIsNotClipped_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("extra");
    QTest::newRow("flow_noise") << "flow_noise"
                                << "";
    QTest::newRow("flow_sde") << "flow_sde"
                              << "";
    QTest::newRow("flow_sde_full") << "flow_sde_full"
                                   << "";
    QTest::newRow("after_expert") << "flow_noise"
                                  << "policy: {critic: after_expert}\n";
    QTest::newRow("element") << "flow_sde"
                             << "";
    QTest::newRow("grpo") << "flow_noise"
                          << "";
  }

  void firstMinibatchIsNotClipped() {
    QFETCH(QString, method);
    QFETCH(QString, extra);
    auto cfg = rlConfig();
    cfg.rl.method = method.toStdString();
    cfg.rl.iterations = 2;
    if (QString(QTest::currentDataTag()) == "after_expert") cfg.policy.critic = "after_expert";
    if (QString(QTest::currentDataTag()) == "element") cfg.rl.logprobLevel = "element";
    if (QString(QTest::currentDataTag()) == "grpo") {
      cfg.rl.advType = "grpo";
      cfg.rl.groupSize = 4;
      cfg.rl.groupFilter = {0.0, 1.0};
    }
    QTemporaryDir dir;
    auto trainer = rl::Trainer::create(cfg, dir.path().toStdString());
    QVERIFY2(trainer.ok(), trainer.ok() ? "" : trainer.error().message.c_str());
    std::vector<rl::IterationReport> reports;
    rl::TrainerCallbacks cb;
    cb.onIteration = [&](const rl::IterationReport& r) -> Status {
      reports.push_back(r);
      return {};
    };
    auto out = trainer.value()->run(cb);
    QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
    QCOMPARE(int(reports.size()), 2);
    const double first = reports[0].metric("train/actor/first_clip_fraction");
    QVERIFY2(first < 1e-3, qPrintable(QString::number(first)));
    for (const char* key :
         {"train/actor/policy_loss", "train/actor/approx_kl", "train/actor/clip_fraction",
          "train/actor/grad_norm", "rollout/advantages_mean", "time/rollout_s",
          "throughput/env_steps_per_s"}) {
      QVERIFY2(std::isfinite(reports[0].metric(key)), key);
    }
    QVERIFY(reports.back().eval.has_value());
    QVERIFY(rl::verifyCheckpoint(out->checkpointDir).ok());
  }

  // GRPO's group filter counts episodes that reached the goal, not episodes with a positive
  // reward: dense shaping (positive on any progress) must not change which groups are kept
  void grpoGroupFilterCountsSuccessesNotRewards() {
    auto cfg = configFor("grpo", 1);
    const auto sparse = metricEachIteration(cfg, "rollout/groups_kept", false);
    cfg.env.denseReward = true;
    const auto dense = metricEachIteration(cfg, "rollout/groups_kept", false);
    QCOMPARE(int(sparse.size()), 1);
    QCOMPARE(int(dense.size()), 1);
    qInfo("groups kept: sparse %.3f, dense %.3f", sparse[0], dense[0]);
    QVERIFY(sparse[0] > 0.0);
    QCOMPARE(dense[0], sparse[0]);
  }

  // rl.max_episode_steps cuts training episodes off at its limit; evaluation keeps the task's
  // (reach: 40 steps), so the weak policy's failures there run longer than the training limit
  void trainingTimeLimitLeavesEvaluationAlone_data() { advantageRows(); }
  void trainingTimeLimitLeavesEvaluationAlone() {
    QFETCH(QString, adv);
    auto cfg = configFor(adv, 1);
    cfg.rl.maxEpisodeSteps = 3;
    const auto reports = reportsOf(cfg);
    QCOMPARE(int(reports.size()), 1);
    const auto& episodes = reports[0].episodes;
    const auto& eval = reports[0].eval;
    QVERIFY(!episodes.empty());
    int atLimit = 0;
    for (const auto& e : episodes) {
      QVERIFY2(e.length >= 1 && e.length <= 3, qPrintable(QString::number(e.length)));
      atLimit += e.length == 3 ? 1 : 0;
    }
    QVERIFY(atLimit > 0);
    QVERIFY(eval.has_value());
    qInfo("training episodes %d (%d at the limit), evaluation mean length %.1f",
          int(episodes.size()), atLimit, eval->meanEpisodeLength);
    QVERIFY(eval->meanEpisodeLength > 3.0);
  }

  // rl.noise_correlation: consecutive chunks of an episode share their exploration noise to
  // the configured degree (measured on the noise actually used), under GAE (episodes running
  // across iterations) and GRPO (episodes restarting each iteration); the default draws it
  // independently and reports nothing
  void correlatedExplorationNoise_data() { advantageRows(); }
  void correlatedExplorationNoise() {
    QFETCH(QString, adv);
    auto cfg = configFor(adv, 2);
    cfg.rl.method = "flow_sde_full";
    const auto none = metricEachIteration(cfg, "rollout/noise_correlation", false);
    QCOMPARE(int(none.size()), 2);
    QVERIFY(std::isnan(none[0]));
    for (double rho : {0.5, 0.9}) {
      cfg.rl.noiseCorrelation = rho;
      const auto measured = metricEachIteration(cfg, "rollout/noise_correlation", false);
      QCOMPARE(int(measured.size()), 2);
      qInfo("rho %.1f: measured %.3f, %.3f", rho, measured[0], measured[1]);
      for (double m : measured) QVERIFY2(std::abs(m - rho) < 0.05, qPrintable(QString::number(m)));
    }
  }

  // rl.group_shared_init_noise: a GRPO group's environments start each chunk's chain from the
  // same x_0 (measured on the chains the rollouts used: no variance left within a group);
  // without it x_0 is drawn per environment (within-group variance ~ the total); a GAE config
  // asking for it is refused
  void groupSharedInitialNoise() {
    auto cfg = configFor("grpo", 2);
    cfg.rl.method = "flow_noise";
    const auto independent = metricEachIteration(cfg, "rollout/init_noise_within_group", false);
    QCOMPARE(int(independent.size()), 2);
    for (double v : independent) QVERIFY2(std::abs(v - 1.0) < 0.1, qPrintable(QString::number(v)));
    cfg.rl.groupSharedInitNoise = true;
    const auto shared = metricEachIteration(cfg, "rollout/init_noise_within_group", false);
    QCOMPARE(int(shared.size()), 2);
    for (double v : shared) QCOMPARE(v, 0.0);
    const auto losses = metricEachIteration(cfg, "train/actor/policy_loss", false);
    QCOMPARE(int(losses.size()), 2);
    for (double v : losses) QVERIFY(std::isfinite(v));
    cfg.rl.advType = "gae";
    auto refused = cfg.validate();
    QVERIFY(!refused);
    QVERIFY(refused.error().message.find("rl.group_shared_init_noise") != std::string::npos);
  }

  // rl.revisit_fraction: a group slot whose group was mixed plays its reset state again next
  // iteration (up to the fraction of the groups, at most rl.revisit_limit times); the other
  // groups draw the states they would draw without it; resuming keeps the slots; a GAE config
  // asking for it is refused
  void grpoRevisitsMixedGroups() {
    // seeds of an iteration's episodes, each with its group's successes
    using Seeds = std::map<std::uint64_t, std::pair<int, int>>;  // seed -> (episodes, successes)
    auto seedsOf = [](const rl::IterationReport& r) {
      Seeds s;
      for (const auto& e : r.episodes) {
        ++s[e.seed].first;
        s[e.seed].second += e.success ? 1 : 0;
      }
      return s;
    };
    auto common = [](const Seeds& a, const Seeds& b) {
      std::vector<std::uint64_t> out;
      for (const auto& [seed, n] : a) {
        if (b.count(seed)) out.push_back(seed);
      }
      return out;
    };
    auto cfg = configFor("grpo", 3);
    const auto fresh = reportsOf(cfg, false);
    cfg.rl.revisitFraction = 0.5;
    const auto revisit = reportsOf(cfg, false);
    QCOMPARE(int(fresh.size()), 3);
    QCOMPARE(int(revisit.size()), 3);
    const int groups = cfg.rl.numEnvs / cfg.rl.groupSize;
    QCOMPARE(seedsOf(revisit[0]), seedsOf(fresh[0]));  // nothing to revisit yet
    QCOMPARE(revisit[0].metric("rollout/groups_revisited"), 0.0);
    QVERIFY(common(seedsOf(fresh[0]), seedsOf(fresh[1])).empty());
    int revisitedTotal = 0;
    for (int it = 1; it < 3; ++it) {
      const auto before = seedsOf(revisit[it - 1]);
      const auto now = seedsOf(revisit[it]);
      const auto again = common(before, now);
      // candidates: last iteration's mixed groups playing their state for the first time
      int candidates = 0;
      for (const auto& [seed, n] : before) {
        const bool mixed = n.second > 0 && n.second < n.first;
        candidates += mixed && (it < 2 || !seedsOf(revisit[it - 2]).count(seed)) ? 1 : 0;
      }
      qInfo("iteration %d: %d of %d groups revisited, %d candidates", it + 1, int(again.size()),
            groups, candidates);
      const int expected = std::min(candidates, groups / 2);
      QCOMPARE(int(again.size()), expected);
      QCOMPARE(revisit[it].metric("rollout/groups_revisited"), double(expected) / groups);
      for (auto seed : again) {
        const auto [episodes, successes] = before.at(seed);
        QCOMPARE(episodes, cfg.rl.groupSize);
        QVERIFY(successes > 0 && successes < episodes);  // the group was mixed
        QCOMPARE(now.at(seed).first, cfg.rl.groupSize);  // a whole group plays it again
      }
      // the fresh groups are those the run without revisits draws
      int freshAlike = 0;
      for (const auto& [seed, n] : now) freshAlike += seedsOf(fresh[it]).count(seed) ? 1 : 0;
      QCOMPARE(freshAlike, int(now.size() - again.size()));
      revisitedTotal += int(again.size());
    }
    QVERIFY(revisitedTotal > 0);
    // rl.revisit_limit 1: a state played twice is not played a third time
    QVERIFY(!common(seedsOf(revisit[0]), seedsOf(revisit[1])).empty());
    QVERIFY(common(seedsOf(revisit[0]), seedsOf(revisit[2])).empty());

    // resuming from iteration 2's checkpoint revisits what iteration 3 revisited
    QTemporaryDir dir;
    {
      auto first = cfg;
      first.rl.checkpointEvery = 1;
      auto trainer = rl::Trainer::create(first, dir.path().toStdString());
      QVERIFY(trainer.ok());
      trainer.value()->setEvaluationEnabled(false);
      rl::TrainerCallbacks cb;
      cb.onIteration = [&](const rl::IterationReport& r) -> Status {
        if (r.iteration == 2) trainer.value()->stop();
        return {};
      };
      QVERIFY(trainer.value()->run(cb).ok());
    }
    const auto point = rl::ResumePoint{dir.path().toStdString() + "/checkpoints/step_2"};
    const auto after = reportsOf(cfg, false, point);
    QCOMPARE(int(after.size()), 1);
    QCOMPARE(after[0].metric("rollout/groups_revisited"),
             revisit[2].metric("rollout/groups_revisited"));
    QCOMPARE(common(seedsOf(revisit[1]), seedsOf(after[0])),
             common(seedsOf(revisit[1]), seedsOf(revisit[2])));

    // a quarter of 4 groups: one of iteration 1's two mixed groups plays again
    QCOMPARE(int(common(seedsOf(revisit[0]), seedsOf(revisit[1])).size()), 2);
    auto quarter = cfg;
    quarter.rl.revisitFraction = 0.25;
    quarter.rl.iterations = 2;
    const auto capped = metricEachIteration(quarter, "rollout/groups_revisited", false);
    QCOMPARE(int(capped.size()), 2);
    QCOMPARE(capped[1], 0.25);

    cfg.rl.advType = "gae";
    auto refused = cfg.validate();
    QVERIFY(!refused);
    QVERIFY(refused.error().message.find("rl.revisit_fraction") != std::string::npos);
  }

  // pirl bench explore: every sampler's spread of the executed chunk, larger with a larger
  // Flow-SDE noise level; a missing checkpoint is a clear error
  void explorationSpreadGrowsWithTheNoiseLevel() {
    auto rows = rl::explorationSpread(m_sft, "reach", {0.2, 1.5}, 6, 16, 3);
    QVERIFY2(rows.ok(), rows.ok() ? "" : rows.error().message.c_str());
    const auto& r = rows.value();
    QCOMPARE(int(r.size()), 6);
    const std::vector<std::string> methods = {"ode",      "flow_sde_full", "flow_sde_full",
                                              "flow_sde", "flow_sde",      "flow_noise"};
    for (int i = 0; i < 6; ++i) {
      QCOMPARE(r[i].method, methods[i]);
      QVERIFY(std::isfinite(r[i].handSpread) && r[i].handSpread > 0.0);
      QVERIFY(std::isfinite(r[i].gripperStd) && r[i].gripperStd >= 0.0);
    }
    qInfo("hand spread (cm): ode %.2f, full a=0.2 %.2f, a=1.5 %.2f, hybrid a=0.2 %.2f, a=1.5 %.2f",
          100 * r[0].handSpread, 100 * r[1].handSpread, 100 * r[2].handSpread,
          100 * r[3].handSpread, 100 * r[4].handSpread);
    QVERIFY(r[2].handSpread > r[1].handSpread);
    QVERIFY(r[4].handSpread > r[3].handSpread);
    auto again = rl::explorationSpread(m_sft, "reach", {0.2, 1.5}, 6, 16, 3);
    QCOMPARE(again.value()[2].handSpread, r[2].handSpread);  // same seed, same numbers
    auto missing = rl::explorationSpread(m_sft + "-missing", "reach", {0.5}, 2, 4, 0);
    QVERIFY(!missing.ok());
  }

  // Two runs at once on two threads (the GUI launches several) give exactly the numbers each
  // gives alone: every run draws from its own random stream, not LibTorch's global one.
  void concurrentRunsReproduceTheirSoloNumbers() {
    auto a = rlConfig();
    auto b = rlConfig();
    b.seed = 5;
    b.rl.method = "flow_sde";  // hybrid: its random step j comes from the run's stream too
    const std::string key = "train/actor/policy_loss";
    const auto soloA = metricEachIteration(a, key, false);
    const auto soloB = metricEachIteration(b, key, false);
    QCOMPARE(int(soloA.size()), a.rl.iterations);
    QVERIFY(soloA != soloB);
    for (int round = 0; round < 2; ++round) {
      std::vector<double> bothA, bothB;
      std::thread other([&] { bothB = metricEachIteration(b, key, false); });
      bothA = metricEachIteration(a, key, false);
      other.join();
      QCOMPARE(bothA, soloA);
      QCOMPARE(bothB, soloB);
    }
  }

  void rlImprovesAWeakPolicyOnReach() {
    auto cfg = rlConfig();
    // large batches, one pass: the signal of small exploration noise needs many samples
    cfg.rl.iterations = 20;
    cfg.rl.numEnvs = 128;
    cfg.rl.rolloutChunks = 16;
    cfg.rl.updateEpochs = 1;
    cfg.rl.minibatches = 4;
    cfg.rl.actorLr = 1e-4;
    cfg.eval.episodes = 128;
    cfg.eval.envs = 64;
    QTemporaryDir dir;
    auto trainer = rl::Trainer::create(cfg, dir.path().toStdString());
    QVERIFY(trainer.ok());
    double before = -1;
    rl::TrainerCallbacks cb;
    cb.onStart = [&](const rl::IterationReport& r) -> Status {
      before = r.eval->meanSuccess;
      return {};
    };
    auto out = trainer.value()->run(cb);
    QVERIFY(out.ok());
    qInfo("reach: %.3f -> %.3f", before, out->finalEval.meanSuccess);
    QVERIFY(before < 0.8);
    QVERIFY2(out->finalEval.meanSuccess >= before + 0.1,
             qPrintable(QString("%1 -> %2").arg(before).arg(out->finalEval.meanSuccess)));
  }

  void pauseResumeAndStop() {
    auto cfg = rlConfig();
    cfg.rl.iterations = 1000;
    QTemporaryDir dir;
    auto created = rl::Trainer::create(cfg, dir.path().toStdString());
    QVERIFY(created.ok());
    rl::Trainer& t = *created.value();
    std::atomic<int> iterations{0};
    rl::TrainerCallbacks cb;
    cb.onIteration = [&](const rl::IterationReport&) -> Status {
      ++iterations;
      return {};
    };
    Result<rl::TrainerOutcome> result = Error{"not run"};
    std::thread worker([&] { result = t.run(cb); });
    QTRY_VERIFY_WITH_TIMEOUT(iterations.load() >= 1, 60000);
    t.pause();
    QCOMPARE(t.state(), rl::TrainerState::kPaused);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const int held = iterations.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    QVERIFY(iterations.load() <= held + 1);  // at most the iteration in flight finishes
    t.resume();
    QTRY_VERIFY_WITH_TIMEOUT(iterations.load() >= held + 2, 60000);
    QVERIFY(t.snapshot()->steps == cfg.policy.denoiseSteps);
    QVERIFY(!t.snapshot()->states.empty());
    t.stop();
    worker.join();
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
    QVERIFY(result->stopped);
    QCOMPARE(t.state(), rl::TrainerState::kStopped);
    QVERIFY(rl::verifyCheckpoint(result->checkpointDir).ok());
  }

  void corruptInitCheckpointIsAClearError() {
    QTemporaryDir dir;
    const std::string copy = (dir.path() + "/ck").toStdString();
    std::filesystem::copy(m_sft, copy);
    const std::string model = readFile(copy + "/model.pt").value();
    QVERIFY(writeFileAtomic(copy + "/model.pt", model.substr(0, 100)).ok());
    auto cfg = rlConfig();
    cfg.rl.initCheckpoint = copy;
    auto t = rl::Trainer::create(cfg, dir.path().toStdString());
    QVERIFY(!t.ok());
    QVERIFY2(t.error().message.find("corrupt or truncated") != std::string::npos,
             t.error().message.c_str());
  }

  void nanLossStopsTheRunAndKeepsTheLastCheckpoint() {
    auto cfg = rlConfig();
    cfg.rl.iterations = 6;
    cfg.rl.checkpointEvery = 1;
    cfg.rl.faultNanIteration = 3;
    const std::string db = (m_dir.path() + "/nan.db").toStdString();
    auto out = session::runTraining(cfg, db);
    QVERIFY(!out.ok());
    QVERIFY2(out.error().message.find("non-finite") != std::string::npos,
             out.error().message.c_str());
    auto database = storage::Database::open(db).value();
    const auto run = database->runs().value().front();
    QCOMPARE(run.status, std::string("failed"));
    const auto cks = database->checkpoints(run.id).value();
    QVERIFY(!cks.empty());
    QCOMPARE(cks.back().step, std::int64_t(2));
    QVERIFY(rl::verifyCheckpoint(cks.back().path).ok());
  }

  void sftThenRlInOneRun() {
    auto cfg = rl::parseTrainConfig(
        "stage: sft_rl\ntasks: [reach]\npolicy: {width: 32, depth: 2, chunk: 4, action_chunk: 2}\n"
        "sft: {demos_per_task: 3, epochs: 5, batch_size: 16}\n"
        "rl: {iterations: 2, num_envs: 8, rollout_chunks: 21, checkpoint_every: 1}\n"
        "eval: {episodes: 8, envs: 8, ood: true}\n",
        "sft_rl");
    QVERIFY(cfg.ok());
    const std::string db = (m_dir.path() + "/sftrl.db").toStdString();
    std::vector<int> iterations;
    session::TrainingCallbacks cb;
    cb.onIteration = [&](const rl::IterationReport& r) { iterations.push_back(r.iteration); };
    auto out = session::runTraining(cfg.value(), db, cb);
    QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
    QCOMPARE(iterations, (std::vector<int>{0, 1, 2}));
    auto database = storage::Database::open(db).value();
    const auto keys = database->metricKeys(out->runId).value();
    auto has = [&](const std::string& k) {
      return std::find(keys.begin(), keys.end(), k) != keys.end();
    };
    QVERIFY(has("sft/train_loss"));
    QVERIFY(has("env/success_once"));
    QVERIFY(has("eval_ood/ood_vision/success_once"));
    QVERIFY(has("train/critic/explained_variance"));
    const auto cks = database->checkpoints(out->runId).value();
    QCOMPARE(cks.front().step, std::int64_t(0));  // the SFT checkpoint starts RL
    QVERIFY(!database->episodes(out->runId, 1).value().empty());
  }
};

QTEST_GUILESS_MAIN(TestRl)
#include "test_rl.moc"

#include <torch/torch.h>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>

#include "core/common/file_util.h"
#include "core/policy/policy_bundle.h"
#include "core/policy/sampler.h"
#include "core/rl/checkpoint_io.h"
#include "core/rl/evaluator.h"
#include "core/rl/sft.h"

using namespace pirl;

namespace {

rl::TrainConfig tinyConfig() {
  auto c = rl::parseTrainConfig(
      "name: tiny\nseed: 5\ntasks: [reach]\npolicy:\n  width: 32\n  depth: 2\n  chunk: 4\n"
      "  action_chunk: 2\nsft:\n  demos_per_task: 6\n  epochs: 120\n  batch_size: 16\n"
      "  lr: 0.003\neval:\n  episodes: 6\n  envs: 6\n",
      "tiny");
  return c.value();
}

policy::Normalizer unitNormalizer(int obs, int act) {
  policy::Normalizer n;
  n.obsMean.assign(obs, 0.1f);
  n.obsStd.assign(obs, 2.0f);
  n.actionMean.assign(act, -0.2f);
  n.actionStd.assign(act, 0.5f);
  return n;
}

// The optimizer state's key for a parameter: a string of the TensorImpl's address in the
// LibTorch of Debian 12, the address itself in newer LibTorch (the GPU machine's).
template <typename StateMap>
typename StateMap::key_type optimizerStateKey(const StateMap&, const torch::Tensor& p) {
  if constexpr (std::is_same_v<typename StateMap::key_type, std::string>) {
    std::ostringstream key;
    key << p.unsafeGetTensorImpl();
    return key.str();
  } else {
    return p.unsafeGetTensorImpl();
  }
}
}  // namespace

class TestSft : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

 private Q_SLOTS:
  void init() { torch::manual_seed(3); }

  void checkpointRoundTripsExactly() {
    rl::TrainConfig cfg = tinyConfig();
    policy::PolicyBundle bundle(cfg.policy, 25, 5, unitNormalizer(25, 5), torch::kCPU);
    torch::optim::AdamW opt(bundle.net->parameters(), torch::optim::AdamWOptions(1e-3));
    // one step so the optimizer has state
    auto e = bundle.net->encode(torch::randn({4, 25}), torch::ones({4, 12}, torch::kLong));
    bundle.net->expert(torch::randn({4, 4, 5}), torch::rand({4}), e).velocity.sum().backward();
    opt.step();
    const std::string dir = (m_dir.path() + "/ckpt/step_1").toStdString();
    QVERIFY(rl::saveCheckpoint(dir, 1, bundle, &opt, cfg.toYaml()).ok());
    QVERIFY(!std::filesystem::exists(dir + ".partial"));
    auto loaded = rl::loadCheckpoint(dir, torch::kCPU);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    QCOMPARE(loaded->manifest.step, std::int64_t(1));
    QCOMPARE(loaded->manifest.normalizer.actionStd, bundle.normalizer.actionStd);
    auto a = bundle.net->named_parameters();
    auto b = loaded->bundle->net->named_parameters();
    QCOMPARE(a.size(), b.size());
    for (const auto& p : a) QVERIFY(torch::equal(p.value(), b[p.key()]));
    // the optimizer state restores into a fresh optimizer and saves identically
    QVERIFY(loaded->hasOptimizer);
    torch::optim::AdamW opt2(loaded->bundle->net->parameters(), torch::optim::AdamWOptions(1e-3));
    opt2.load(*loaded->optimizerState);
    const auto params1 = opt.param_groups()[0].params();
    const auto params2 = opt2.param_groups()[0].params();
    QCOMPARE(params1.size(), params2.size());
    int compared = 0;
    for (std::size_t i = 0; i < params1.size(); ++i) {
      const auto k1 = optimizerStateKey(opt.state(), params1[i]);
      const auto k2 = optimizerStateKey(opt2.state(), params2[i]);
      if (opt.state().count(k1) == 0) continue;
      QVERIFY(opt2.state().count(k2) == 1);
      auto& a1 = static_cast<torch::optim::AdamWParamState&>(*opt.state().at(k1));
      auto& a2 = static_cast<torch::optim::AdamWParamState&>(*opt2.state().at(k2));
      QCOMPARE(a1.step(), a2.step());
      QVERIFY(torch::equal(a1.exp_avg(), a2.exp_avg()));
      QVERIFY(torch::equal(a1.exp_avg_sq(), a2.exp_avg_sq()));
      ++compared;
    }
    QVERIFY(compared > 0);
    // the same observation and noise give the same action chunk
    torch::NoGradGuard ng;
    auto obs = torch::randn({3, 25});
    auto tok = torch::ones({3, 12}, torch::kLong);
    torch::manual_seed(9);
    auto x =
        policy::sampleChain(*bundle.net, bundle.net->encode(obs, tok), policy::SampleMode::kOde, 4)
            .chain;
    torch::manual_seed(9);
    auto y = policy::sampleChain(*loaded->bundle->net, loaded->bundle->net->encode(obs, tok),
                                 policy::SampleMode::kOde, 4)
                 .chain;
    QVERIFY(torch::equal(x, y));
  }

  void corruptCheckpointsGiveClearErrors() {
    rl::TrainConfig cfg = tinyConfig();
    policy::PolicyBundle bundle(cfg.policy, 25, 5, unitNormalizer(25, 5), torch::kCPU);
    const std::string dir = (m_dir.path() + "/bad/step_0").toStdString();
    QVERIFY(rl::saveCheckpoint(dir, 0, bundle, nullptr, cfg.toYaml()).ok());
    const std::string model = readFile(dir + "/model.pt").value();
    // truncated
    QVERIFY(writeFileAtomic(dir + "/model.pt", model.substr(0, model.size() / 2)).ok());
    auto truncated = rl::loadCheckpoint(dir, torch::kCPU);
    QVERIFY(!truncated.ok());
    QVERIFY(truncated.error().message.find("corrupt or truncated") != std::string::npos);
    // one flipped byte
    std::string flipped = model;
    flipped[flipped.size() / 3] ^= 0x10;
    QVERIFY(writeFileAtomic(dir + "/model.pt", flipped).ok());
    QVERIFY(!rl::loadCheckpoint(dir, torch::kCPU).ok());
    // missing or malformed manifest
    QVERIFY(writeFileAtomic(dir + "/model.pt", model).ok());
    QVERIFY(rl::loadCheckpoint(dir, torch::kCPU).ok());
    QVERIFY(writeFileAtomic(dir + "/manifest.json", "{not json").ok());
    auto malformed = rl::loadCheckpoint(dir, torch::kCPU);
    QVERIFY(!malformed.ok());
    QVERIFY(malformed.error().message.find("malformed manifest") != std::string::npos);
    auto missing = rl::loadCheckpoint((m_dir.path() + "/nowhere").toStdString(), torch::kCPU);
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.find("no readable manifest") != std::string::npos);
  }

  void sftLearnsReachAndWritesALoadableCheckpoint() {
    rl::TrainConfig cfg = tinyConfig();
    const std::string runDir = (m_dir.path() + "/run").toStdString();
    std::vector<rl::SftEpochReport> reports;
    auto out = rl::runSft(cfg, runDir, [&](const rl::SftEpochReport& r) { reports.push_back(r); });
    QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
    QCOMPARE(int(reports.size()), cfg.sft.epochs);
    QVERIFY(reports.back().trainLoss < 0.6 * reports.front().trainLoss);
    QVERIFY(reports.back().eval.has_value());
    QCOMPARE(out->finalEval.episodes, 6);
    QVERIFY(out->finalEval.successPerTask.count("reach") == 1);
    QVERIFY(out->steps > 0);
    auto loaded = rl::loadCheckpoint(out->checkpointDir, torch::kCPU);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->manifest.step, out->steps);
    // the stored config is the full config: it parses back to the same values
    auto stored = rl::parseTrainConfig(loaded->manifest.configYaml, "stored");
    QVERIFY(stored.ok());
    QCOMPARE(stored->sft.epochs, cfg.sft.epochs);
    QCOMPARE(stored->seed, cfg.seed);
  }

  void evaluationDoesNotDependOnTheGlobalRandomStream() {
    rl::TrainConfig cfg = tinyConfig();
    cfg.policy.width = 128;
    cfg.sft.demosPerTask = 10;
    cfg.sft.epochs = 60;
    cfg.sft.lr = 0.002;
    auto trained = rl::runSft(cfg, (m_dir.path() + "/evaldet").toStdString());
    QVERIFY(trained.ok());
    auto loaded = rl::loadCheckpoint(trained->checkpointDir, torch::kCPU);
    QVERIFY(loaded.ok());
    cfg.eval.episodes = 16;
    cfg.eval.envs = 16;
    torch::manual_seed(1);
    auto a = rl::evaluatePolicy(*loaded->bundle, {"reach"}, cfg.eval, cfg.env, 2);
    torch::manual_seed(2);
    torch::randn({100});
    auto b = rl::evaluatePolicy(*loaded->bundle, {"reach"}, cfg.eval, cfg.env, 2);
    QVERIFY(a.ok() && b.ok());
    // the policy reaches sometimes, so episode lengths depend on the sampled noise
    QVERIFY(a->meanEpisodeLength < 40.0);
    QCOMPARE(a->meanEpisodeLength, b->meanEpisodeLength);
    QCOMPARE(a->meanSuccess, b->meanSuccess);
  }

  void sameSeedReproducesTheRun() {
    rl::TrainConfig cfg = tinyConfig();
    cfg.sft.epochs = 4;
    std::vector<double> first, second;
    auto a = rl::runSft(cfg, (m_dir.path() + "/r1").toStdString(),
                        [&](const rl::SftEpochReport& r) { first.push_back(r.trainLoss); });
    auto b = rl::runSft(cfg, (m_dir.path() + "/r2").toStdString(),
                        [&](const rl::SftEpochReport& r) { second.push_back(r.trainLoss); });
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(first, second);
    QCOMPARE(a->finalEval.meanSuccess, b->finalEval.meanSuccess);
  }

  // SFT runs on two threads at once train exactly as they do alone (the initial weights and
  // every batch, noise and time come from the run's own seed and stream)
  void concurrentRunsReproduceTheirSoloNumbers() {
    rl::TrainConfig a = tinyConfig();
    a.sft.epochs = 4;
    rl::TrainConfig b = a;
    b.seed = a.seed + 1;
    auto losses = [&](const rl::TrainConfig& cfg, const QString& dir) {
      std::vector<double> out;
      auto r = rl::runSft(cfg, (m_dir.path() + dir).toStdString(),
                          [&](const rl::SftEpochReport& e) { out.push_back(e.trainLoss); });
      if (!r) out.clear();
      return out;
    };
    const auto soloA = losses(a, "/ca"), soloB = losses(b, "/cb");
    QCOMPARE(int(soloA.size()), a.sft.epochs);
    QVERIFY(soloA != soloB);
    std::vector<double> bothA, bothB;
    std::thread other([&] { bothB = losses(b, "/cb2"); });
    bothA = losses(a, "/ca2");
    other.join();
    QCOMPARE(bothA, soloA);
    QCOMPARE(bothB, soloB);
  }

  void stopFlagEndsWithACheckpoint() {
    rl::TrainConfig cfg = tinyConfig();
    std::atomic<bool> stop{false};
    int epochs = 0;
    auto out = rl::runSft(
        cfg, (m_dir.path() + "/stopped").toStdString(),
        [&](const rl::SftEpochReport&) {
          if (++epochs == 2) stop.store(true);
        },
        &stop);
    QVERIFY(out.ok());
    QVERIFY(out->stopped);
    QVERIFY(epochs <= 3);
    QVERIFY(rl::verifyCheckpoint(out->checkpointDir).ok());
  }
};

QTEST_GUILESS_MAIN(TestSft)
#include "test_sft.moc"

#include <torch/torch.h>
#include <QTemporaryDir>
#include <QtTest>

#include "core/policy/flow_policy.h"
#include "core/policy/sampler.h"
#include "core/rl/checkpoint_io.h"
#include "core/rl/sft.h"
#include "core/rl/trainer.h"

using namespace pirl;

namespace {
// 25 observation dims, 5 action dims, a 30-token vocabulary; chunks of 8
policy::FlowPolicy smallPolicy() {
  policy::PolicyOptions o;
  o.width = 64;
  o.chunk = 8;
  return policy::FlowPolicy(o, 25, 5, 30);
}
}  // namespace

// GPU checks (label gpu): skipped cleanly where LibTorch sees no CUDA device.
class TestCuda : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  std::string m_sft;  // the GPU-trained SFT checkpoint, for the RL run

 private Q_SLOTS:
  void initTestCase() {
    if (!torch::cuda::is_available()) QSKIP("no CUDA device visible to LibTorch");
    torch::manual_seed(0);
  }

  void rolloutAndLearnerAgreeOnTheGpu() {
    auto net = smallPolicy();
    net->to(torch::kCUDA);
    auto e =
        net->encode(torch::randn({32, 25}, torch::kCUDA),
                    torch::ones({32, 12}, torch::TensorOptions(torch::kLong).device(torch::kCUDA)));
    at::Generator gen = at::detail::createCPUGenerator(3);
    for (auto mode : {policy::SampleMode::kFlowNoise, policy::SampleMode::kSdeHybrid,
                      policy::SampleMode::kSdeFull}) {
      // fresh draws, then a run's own CPU generator with supplied step noise (noise_correlation)
      for (bool supplied : {false, true}) {
        policy::ChainSample s;
        {
          torch::NoGradGuard ng;
          auto noise = supplied ? torch::randn({32, 4, 8, 5}, gen, torch::kFloat) : torch::Tensor();
          s = policy::sampleChain(*net, e.detach(), mode, 4, -1, supplied ? &gen : nullptr, noise);
        }
        QVERIFY(s.chain.is_cuda());
        auto ev = policy::evaluateChain(*net, e.detach(), s.chain, mode, s.j);
        QVERIFY((ev.logprob - s.logprob).abs().max().item<double>() <= 1e-5);
      }
    }
  }

  void zeroInitNoiseOdeMatchesTheCpu() {
    // eval.init_noise_scale = 0: the ODE policy is deterministic, so CPU and GPU must agree
    auto net = smallPolicy();
    auto obs = torch::randn({16, 25});
    auto lang = torch::ones({16, 12}, torch::kLong);
    torch::NoGradGuard ng;
    auto onCpu = policy::sampleChain(*net, net->encode(obs, lang), policy::SampleMode::kOde, 4, -1,
                                     nullptr, {}, 0.0);
    net->to(torch::kCUDA);
    auto onGpu = policy::sampleChain(*net, net->encode(obs.cuda(), lang.cuda()),
                                     policy::SampleMode::kOde, 4, -1, nullptr, {}, 0.0);
    QVERIFY(onGpu.chain.is_cuda());
    QVERIFY((onGpu.chain.cpu() - onCpu.chain).abs().max().item<double>() <= 1e-4);
  }

  void sftTrainsOnTheGpuAndLoadsOnTheCpu() {
    auto cfg = rl::parseTrainConfig(
        "tasks: [reach]\ndevice: cuda\npolicy: {width: 32, chunk: 4, action_chunk: 2}\n"
        "sft: {demos_per_task: 4, epochs: 3, batch_size: 16}\neval: {episodes: 4, envs: 4}\n",
        "gpu");
    QVERIFY(cfg.ok());
    auto out = rl::runSft(cfg.value(), (m_dir.path() + "/sft").toStdString());
    QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
    QCOMPARE(out->device.substr(0, 4), std::string("cuda"));
    auto loaded = rl::loadCheckpoint(out->checkpointDir, torch::kCPU);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    m_sft = out->checkpointDir;
  }

  // A GRPO run on the GPU with group-shared x_0 (rl.group_shared_init_noise): the group x_0 is
  // drawn from the run's CPU generator and moved to the device, the within-group spread
  // measured on the chains the rollouts used is 0, the losses are finite, and the run ends
  // with its final checkpoint.
  void grpoWithSharedInitialNoiseRunsOnTheGpu() {
    if (m_sft.empty()) QSKIP("needs the SFT checkpoint of the test above");
    auto cfg = rl::parseTrainConfig(
        "name: rl\nstage: rl\nseed: 1\ntasks: [reach]\ndevice: cuda\n"
        "policy: {width: 32, chunk: 4, action_chunk: 2}\n"
        "rl: {init_checkpoint: " +
            m_sft +
            ", method: flow_noise, adv_type: grpo, group_size: 4, group_shared_init_noise: true, "
            "group_filter: [0.0, 1.0], "
            "iterations: 2, num_envs: 16, update_epochs: 1, minibatches: 2}\n"
            "eval: {episodes: 4, envs: 4, ood: false}\n",
        "gpu-grpo");
    QVERIFY2(cfg.ok(), cfg.ok() ? "" : cfg.error().message.c_str());
    auto trainer = rl::Trainer::create(cfg.value(), (m_dir.path() + "/rl").toStdString());
    QVERIFY2(trainer.ok(), trainer.ok() ? "" : trainer.error().message.c_str());
    std::vector<std::pair<double, double>> seen;  // (init noise within group, policy loss)
    rl::TrainerCallbacks cb;
    cb.onIteration = [&](const rl::IterationReport& r) -> Status {
      seen.emplace_back(r.metric("rollout/init_noise_within_group"),
                        r.metric("train/actor/policy_loss"));
      return {};
    };
    auto out = trainer.value()->run(cb);
    QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
    QCOMPARE(out->device.substr(0, 4), std::string("cuda"));
    QCOMPARE(out->iterations, 2);
    QVERIFY(rl::loadCheckpoint(out->checkpointDir, torch::kCPU).ok());
    QCOMPARE(int(seen.size()), 2);
    for (const auto& [within, loss] : seen) {
      QCOMPARE(within, 0.0);
      QVERIFY(std::isfinite(loss));
    }
  }
};

QTEST_GUILESS_MAIN(TestCuda)
#include "test_cuda.moc"

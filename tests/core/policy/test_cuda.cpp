#include <torch/torch.h>
#include <QTemporaryDir>
#include <QtTest>

#include "core/policy/flow_policy.h"
#include "core/policy/sampler.h"
#include "core/rl/checkpoint_io.h"
#include "core/rl/sft.h"

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
    QTemporaryDir dir;
    auto out = rl::runSft(cfg.value(), dir.path().toStdString());
    QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
    QCOMPARE(out->device.substr(0, 4), std::string("cuda"));
    auto loaded = rl::loadCheckpoint(out->checkpointDir, torch::kCPU);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
  }
};

QTEST_GUILESS_MAIN(TestCuda)
#include "test_cuda.moc"

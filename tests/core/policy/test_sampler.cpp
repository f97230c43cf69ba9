#include <torch/torch.h>
#include <QtTest>

#include <cmath>

#include "core/policy/flow_policy.h"
#include "core/policy/sampler.h"
#include "core/policy/schedule.h"

using namespace pirl::policy;

namespace {

constexpr int kH = 4;
constexpr int kD = 3;

PolicyOptions smallOptions(const std::string& critic = "after_encoder",
                           const std::string& expert = "mlp") {
  PolicyOptions o;
  o.expert = expert;
  o.heads = 2;
  o.width = 32;
  o.depth = 2;
  o.chunk = kH;
  o.actionChunk = 2;
  o.timeDim = 16;
  o.tokenDim = 8;
  o.maxTokens = 4;
  o.critic = critic;
  return o;
}

struct Fixture {
  FlowPolicy net{nullptr};
  torch::Tensor e;
  explicit Fixture(const PolicyOptions& o = smallOptions(), int batch = 6) {
    net = FlowPolicy(o, 7, kD, 20);
    auto obs = torch::randn({batch, 7});
    auto tokens = torch::randint(0, 20, {batch, 4}, torch::kLong);
    e = net->encode(obs, tokens);
  }
};

double maxAbs(const torch::Tensor& t) { return t.abs().max().item<double>(); }

// independent Gaussian log-density, written out without the library helper
torch::Tensor logDensity(const torch::Tensor& x, const torch::Tensor& mean, double std) {
  return -0.5 * torch::pow((x - mean) / std, 2) - std::log(std) - 0.5 * std::log(2 * M_PI);
}

// exact velocity field for data A ~ N(m, s^2) element-wise: v = E[eps - A | x_t = x]
Denoiser gaussianField(double m, double s) {
  Denoiser d;
  d.expert = [m, s](const torch::Tensor& x, const torch::Tensor& t) {
    auto tt = t.view({-1, 1, 1}).to(torch::kDouble);
    auto var = tt * tt + (1 - tt) * (1 - tt) * s * s;
    auto centred = x - (1 - tt) * m;
    auto v = (tt - (1 - tt) * s * s) * centred / var - m;
    return ExpertOutput{v, torch::zeros({x.size(0), 1}, x.options())};
  };
  d.noiseStd = [](const torch::Tensor& f, int) { return torch::Tensor(); };
  d.value = [](const torch::Tensor& f) { return torch::zeros({f.size(0)}, f.options()); };
  d.noiseLevel = 0.5;
  d.ignoreLast = false;
  return d;
}

}  // namespace

class TestSampler : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void init() { torch::manual_seed(1234); }

  void odeStepIsEuler() {
    Fixture f;
    torch::NoGradGuard ng;
    auto s = sampleChain(*f.net, f.e, SampleMode::kOde, 4);
    QCOMPARE(s.chain.sizes(), (torch::IntArrayRef{6, 5, kH, kD}));
    for (int k = 0; k < 4; ++k) {
      auto x = s.chain.select(1, k);
      auto t = torch::full({6}, 1.0 - k / 4.0);
      auto expected = x - 0.25 * f.net->expert(x, t, f.e).velocity;
      QVERIFY(maxAbs(expected - s.chain.select(1, k + 1)) < 1e-6);
    }
    QCOMPARE(maxAbs(s.logprob), 0.0);
    QCOMPARE(s.j, int64_t(-1));
  }

  void hybridLogProbIsTheSingleStochasticStep_data() {
    QTest::addColumn<int>("j");
    for (int j = 0; j < 4; ++j) QTest::addRow("j=%d", j) << j;
  }

  void hybridLogProbIsTheSingleStochasticStep() {
    QFETCH(int, j);
    Fixture f;
    torch::NoGradGuard ng;
    auto s = sampleChain(*f.net, f.e, SampleMode::kSdeHybrid, 4, j);
    QCOMPARE(s.j, int64_t(j));
    const auto sch = DenoiseSchedule::make(4, 0.5);
    for (int k = 0; k < 4; ++k) {
      auto x = s.chain.select(1, k);
      const double t = sch.t[k], tn = sch.t[k + 1];
      auto v = f.net->expert(x, torch::full({6}, t), f.e).velocity;
      auto next = s.chain.select(1, k + 1);
      if (k != j) {
        // deterministic steps are exact ODE steps
        QVERIFY(maxAbs(next - (x - 0.25 * v)) < 1e-6);
        continue;
      }
      // independent recomputation of ALGORITHMS.md §3 for the stochastic step
      const double sigma = 0.5 * std::sqrt(t / (k == 0 ? 1.0 - sch.t[1] : 1.0 - t));
      auto x0 = x - t * v;
      auto x1 = x + (1 - t) * v;
      auto mean = (1 - tn) * x0 + (tn - sigma * sigma * 0.25 / (2 * t)) * x1;
      auto expected = logDensity(next, mean, sigma * 0.5);
      QVERIFY(maxAbs(expected - s.logprob) < 1e-4);
      // entropy of that Gaussian, per element
      const double ent = 0.5 * std::log(2 * M_PI * M_E * sigma * sigma * 0.25);
      QVERIFY(maxAbs(s.entropy - ent) < 1e-5);
    }
  }

  // the trainer's correlated exploration noise: x_{k+1} = mean + std * stepNoise[:, k] exactly,
  // and the log-prob is that of the supplied noise
  void suppliedStepNoiseIsTheNoiseUsed_data() {
    QTest::addColumn<int>("mode");
    QTest::newRow("flow_sde_full") << static_cast<int>(SampleMode::kSdeFull);
    QTest::newRow("flow_noise") << static_cast<int>(SampleMode::kFlowNoise);
  }
  void suppliedStepNoiseIsTheNoiseUsed() {
    QFETCH(int, mode);
    const auto m = static_cast<SampleMode>(mode);
    Fixture f;
    torch::NoGradGuard ng;
    const int n = 4;
    auto noise = torch::randn({6, n, kH, kD});
    at::Generator g1 = at::detail::createCPUGenerator(5);
    auto s = sampleChain(*f.net, f.e, m, n, -1, &g1, noise);
    QVERIFY(maxAbs(s.stepStd) > 0);
    // same x_0 generator seed and same step noise: the same chain; other step noise: another
    at::Generator g2 = at::detail::createCPUGenerator(5);
    auto same = sampleChain(*f.net, f.e, m, n, -1, &g2, noise);
    QVERIFY(maxAbs(same.chain - s.chain) < 1e-6);
    at::Generator g3 = at::detail::createCPUGenerator(5);
    auto other = sampleChain(*f.net, f.e, m, n, -1, &g3, -noise);
    QVERIFY(maxAbs(other.chain.select(1, 0) - s.chain.select(1, 0)) < 1e-6);  // x_0 drawn alike
    QVERIFY(maxAbs(other.chain.select(1, n) - s.chain.select(1, n)) > 1e-3);
    // the per-element log-prob sums log N(noise) - log std over the steps (plus, for
    // Flow-Noise, the x_0 term, and its average over N + 1)
    auto expected =
        (-0.5 * noise * noise - 0.5 * std::log(2 * M_PI)).sum(1) - torch::log(s.stepStd).sum(1);
    if (m == SampleMode::kFlowNoise) {
      auto x0 = s.chain.select(1, 0);
      expected = (expected - 0.5 * x0 * x0 - 0.5 * std::log(2 * M_PI)) / (n + 1);
    }
    QVERIFY(maxAbs(expected - s.logprob) < 1e-4);
  }

  // supplied initial noise (the trainer's group-shared x_0): the chain starts from it, its
  // log-prob term is that of the supplied x_0, and the step noise is still drawn
  void suppliedInitialNoiseIsX0() {
    Fixture f;
    torch::NoGradGuard ng;
    const int n = 4;
    auto x0 = torch::randn({6, kH, kD});
    at::Generator g1 = at::detail::createCPUGenerator(9);
    auto s = sampleChain(*f.net, f.e, SampleMode::kFlowNoise, n, -1, &g1, {}, 1.0, x0);
    QVERIFY(maxAbs(s.chain.select(1, 0) - x0) == 0.0);
    at::Generator g2 = at::detail::createCPUGenerator(9);
    auto drawn = sampleChain(*f.net, f.e, SampleMode::kFlowNoise, n, -1, &g2);
    QVERIFY(maxAbs(drawn.chain.select(1, 0) - x0) > 1e-3);
    auto reevaluated = evaluateChain(*f.net, f.e, s.chain, SampleMode::kFlowNoise, -1);
    QVERIFY(maxAbs(reevaluated.logprob - s.logprob) < 1e-5);
  }

  // eval.init_noise_scale: x_0 is the standard normal draw times the scale; at 0 the ODE policy
  // is a deterministic function of the observation, whatever the generator
  void initialNoiseScaleScalesX0() {
    Fixture f;
    torch::NoGradGuard ng;
    const int n = 4;
    at::Generator g1 = at::detail::createCPUGenerator(5);
    auto full = sampleChain(*f.net, f.e, SampleMode::kOde, n, -1, &g1);
    at::Generator g2 = at::detail::createCPUGenerator(5);
    auto half = sampleChain(*f.net, f.e, SampleMode::kOde, n, -1, &g2, {}, 0.5);
    QVERIFY(maxAbs(half.chain.select(1, 0) - 0.5 * full.chain.select(1, 0)) < 1e-6);
    at::Generator g3 = at::detail::createCPUGenerator(6);
    auto zero = sampleChain(*f.net, f.e, SampleMode::kOde, n, -1, &g3, {}, 0.0);
    at::Generator g4 = at::detail::createCPUGenerator(7);
    auto zeroAgain = sampleChain(*f.net, f.e, SampleMode::kOde, n, -1, &g4, {}, 0.0);
    QCOMPARE(maxAbs(zero.chain.select(1, 0)), 0.0);
    QCOMPARE(maxAbs(zero.chain - zeroAgain.chain), 0.0);
    QVERIFY(maxAbs(zero.chain.select(1, n) - full.chain.select(1, n)) > 1e-3);
  }

  void ignoreLastNeverPicksTheLastStep() {
    Fixture f;
    torch::NoGradGuard ng;
    for (int i = 0; i < 60; ++i) {
      auto s = sampleChain(*f.net, f.e, SampleMode::kSdeHybrid, 4);
      QVERIFY(s.j >= 0 && s.j <= 2);
    }
  }

  void flowNoiseAveragesOverAllTerms_data() {
    QTest::addColumn<double>("firstScale");
    QTest::newRow("every step in noise_std_range") << 1.0;
    QTest::newRow("noise_first_scale 4") << 4.0;
  }

  void flowNoiseAveragesOverAllTerms() {
    QFETCH(double, firstScale);
    PolicyOptions o = smallOptions();
    o.noiseFirstScale = firstScale;
    Fixture f(o);
    torch::NoGradGuard ng;
    auto s = sampleChain(*f.net, f.e, SampleMode::kFlowNoise, 4);
    torch::Tensor sumLp = logDensity(s.chain.select(1, 0), torch::zeros({1}), 1.0);
    torch::Tensor sumEnt = torch::full_like(sumLp, 0.5 * std::log(2 * M_PI * M_E));
    for (int k = 0; k < 4; ++k) {
      auto x = s.chain.select(1, k);
      auto out = f.net->expert(x, torch::full({6}, 1.0 - k / 4.0), f.e);
      auto std = f.net->noiseStd(out.features, k);
      // std bounded by noise_std_range, scaled by noise_first_scale at the first step only
      const double scale = k == 0 ? firstScale : 1.0;
      QVERIFY(std.min().item<double>() >= 0.08 * scale - 1e-6);
      QVERIFY(std.max().item<double>() <= 0.16 * scale + 1e-6);
      QVERIFY(maxAbs(std - scale * f.net->noiseStd(out.features, 1)) < 1e-6);
      auto mean = x - 0.25 * out.velocity;
      auto z = (s.chain.select(1, k + 1) - mean) / std;
      sumLp = sumLp - 0.5 * z * z - torch::log(std) - 0.5 * std::log(2 * M_PI);
      sumEnt = sumEnt + 0.5 * torch::log(2 * M_PI * M_E * std * std);
    }
    QVERIFY(maxAbs(sumLp / 5.0 - s.logprob) < 1e-5);
    QVERIFY(maxAbs(sumEnt / 5.0 - s.entropy) < 1e-5);
  }

  void learnerRecomputesRolloutLogProbs_data() {
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("critic");
    QTest::addColumn<QString>("expert");
    for (const char* m : {"flow_sde", "flow_sde_full", "flow_noise"}) {
      for (const char* c : {"after_encoder", "after_expert"}) {
        for (const char* x : {"mlp", "transformer"}) {
          QTest::addRow("%s/%s/%s", m, c, x) << m << c << x;
        }
      }
    }
  }

  void learnerRecomputesRolloutLogProbs() {
    QFETCH(QString, mode);
    QFETCH(QString, critic);
    QFETCH(QString, expert);
    const SampleMode m = parseSampleMode(mode.toStdString()).value();
    PolicyOptions o = smallOptions(critic.toStdString(), expert.toStdString());
    o.noiseFirstScale = 3.0;  // Flow-Noise: the first step's std differs from the others'
    Fixture f(o, 8);
    ChainSample s;
    {
      torch::NoGradGuard ng;
      s = sampleChain(*f.net, f.e, m, 5);
    }
    // the learner sees the chain in minibatches of another size
    auto first = evaluateChain(*f.net, f.e.slice(0, 0, 3), s.chain.slice(0, 0, 3), m, s.j);
    auto rest = evaluateChain(*f.net, f.e.slice(0, 3, 8), s.chain.slice(0, 3, 8), m, s.j);
    auto lp = torch::cat({first.logprob, rest.logprob}, 0);
    auto value = torch::cat({first.value, rest.value}, 0);
    QVERIFY2(maxAbs(lp - s.logprob) <= 1e-5, qPrintable(QString::number(maxAbs(lp - s.logprob))));
    QVERIFY(maxAbs(value - s.value) <= 1e-5);
    QVERIFY(maxAbs(torch::cat({first.entropy, rest.entropy}, 0) - s.entropy) <= 1e-5);
    // the ratio at the old policy is exactly 1: nothing would be clipped
    QVERIFY(maxAbs(torch::exp(lp - s.logprob) - 1.0) < 1e-4);
  }

  void gradientsReachTheExpertAndTheNoiseHead() {
    for (SampleMode m : {SampleMode::kFlowNoise, SampleMode::kSdeHybrid}) {
      Fixture f;
      ChainSample s;
      {
        torch::NoGradGuard ng;
        s = sampleChain(*f.net, f.e.detach(), m, 4, m == SampleMode::kSdeHybrid ? 1 : -1);
      }
      f.net->zero_grad();
      auto ev = evaluateChain(*f.net, f.e, s.chain, m, s.j);
      ev.logprob.sum().backward();
      double expertGrad = 0, noiseGrad = 0;
      for (const auto& p : f.net->named_parameters()) {
        if (!p.value().grad().defined()) continue;
        const double g = p.value().grad().abs().sum().item<double>();
        if (p.key().rfind("expert_mlp", 0) == 0) expertGrad += g;
        if (p.key().rfind("noise_head", 0) == 0) noiseGrad += g;
      }
      QVERIFY(expertGrad > 0);
      if (m == SampleMode::kFlowNoise) {
        QVERIFY(noiseGrad > 0);
      } else {
        QCOMPARE(noiseGrad, 0.0);
      }
    }
  }

  void afterExpertValueIgnoresExpertGradients() {
    Fixture f(smallOptions("after_expert"));
    auto s = sampleChain(*f.net, f.e, SampleMode::kOde, 3);
    f.net->zero_grad();
    s.value.sum().backward();
    for (const auto& p : f.net->named_parameters()) {
      if (p.key().rfind("expert_mlp", 0) == 0) {
        QVERIFY(!p.value().grad().defined() || p.value().grad().abs().sum().item<double>() == 0);
      }
      if (p.key().rfind("value_head", 0) == 0) QVERIFY(p.value().grad().defined());
    }
  }

  void marginalsMatchTheData_data() {
    QTest::addColumn<QString>("mode");
    QTest::newRow("ode") << "ode";
    QTest::newRow("flow_sde_full") << "flow_sde_full";
    QTest::newRow("flow_sde hybrid") << "flow_sde";
  }

  void marginalsMatchTheData() {
    // data N(1.5, 0.6^2) with the exact velocity field: the samplers must reproduce mean and
    // variance (a sign error in the SDE drift or std shows up here); many steps keep the
    // Euler error small
    QFETCH(QString, mode);
    const SampleMode m = parseSampleMode(mode.toStdString()).value();
    const double mean = 1.5, std = 0.6;
    Denoiser d = gaussianField(mean, std);
    torch::NoGradGuard ng;
    auto s = sampleChain(d, {4000, 1, 10}, torch::TensorOptions().dtype(torch::kDouble), m, 400);
    auto x = s.chain.select(1, 400);
    const double m1 = x.mean().item<double>();
    const double v1 = x.var().item<double>();
    QVERIFY2(std::abs(m1 - mean) < 0.02, qPrintable(QString("mean %1").arg(m1)));
    QVERIFY2(std::abs(v1 - std * std) < 0.02, qPrintable(QString("var %1").arg(v1)));
  }

  void timeEmbeddingDistinguishesTimes() {
    auto a = timeEmbedding(torch::tensor({0.25f, 0.26f, 1.0f}), 32);
    QCOMPARE(a.sizes(), (torch::IntArrayRef{3, 32}));
    QVERIFY((a[0] - a[1]).abs().max().item<double>() > 1e-2);
  }
};

QTEST_GUILESS_MAIN(TestSampler)
#include "test_sampler.moc"

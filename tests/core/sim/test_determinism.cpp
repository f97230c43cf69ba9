#include <QtTest>
#include <cstring>
#include <vector>

#include "core/common/rng.h"
#include "core/sim/env.h"
#include "core/sim/expert.h"
#include "core/sim/vector_env.h"

using namespace pirl::sim;

namespace {

// observations, rewards and done flags of `steps` random-action steps
std::vector<float> rollout(int threads, int envs, std::uint64_t seed, int steps,
                           std::vector<std::string> tasks) {
  VectorEnvOptions o;
  o.tasks = std::move(tasks);
  o.numEnvs = envs;
  o.threads = threads;
  o.seed = seed;
  o.env.maxEpisodeSteps = 15;  // force several auto-resets
  auto v = VectorEnv::create(o);
  if (!v) return {};
  VectorEnv& venv = *v.value();
  pirl::Rng rng(99);
  std::vector<float> trace(venv.observations(), venv.observations() + envs * kObsDim);
  std::vector<float> actions(envs * kActionDim);
  for (int t = 0; t < steps; ++t) {
    for (auto& a : actions) a = static_cast<float>(rng.uniform(-1, 1));
    venv.step(actions.data());
    trace.insert(trace.end(), venv.observations(), venv.observations() + envs * kObsDim);
    trace.insert(trace.end(), venv.finalObservations(), venv.finalObservations() + envs * kObsDim);
    trace.insert(trace.end(), venv.rewards(), venv.rewards() + envs);
    for (int i = 0; i < envs; ++i) trace.push_back(venv.truncated()[i] + 2 * venv.terminated()[i]);
  }
  return trace;
}

bool bitIdentical(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

class TestDeterminism : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void sameSeedGivesBitIdenticalTrajectories() {
    auto tm = TaskModel::create("stack_green_on_yellow");
    QVERIFY(tm.ok());
    Env a(tm.value(), EnvOptions{});
    Env b(tm.value(), EnvOptions{});
    ScriptedExpert ea, eb;
    a.reset(7);
    b.reset(7);
    ea.reset(7);
    eb.reset(7);
    float actA[kActionDim], actB[kActionDim];
    const mjModel* m = tm.value()->model();
    for (int t = 0; t < 60; ++t) {
      ea.act(a, actA);
      eb.act(b, actB);
      QCOMPARE(std::memcmp(actA, actB, sizeof(actA)), 0);
      a.step(actA);
      b.step(actB);
      QCOMPARE(std::memcmp(a.data()->qpos, b.data()->qpos, m->nq * sizeof(mjtNum)), 0);
      QCOMPARE(std::memcmp(a.data()->qvel, b.data()->qvel, m->nv * sizeof(mjtNum)), 0);
    }
  }

  void differentSeedsDiffer() {
    const auto a = rollout(1, 2, 1, 5, {"put_carrot_on_plate"});
    const auto b = rollout(1, 2, 2, 5, {"put_carrot_on_plate"});
    QVERIFY(!a.empty() && !b.empty());
    QVERIFY(!bitIdentical(a, b));
  }

  void resetReproducesTheEpisode() {
    auto tm = TaskModel::create("put_spoon_on_towel");
    QVERIFY(tm.ok());
    Env env(tm.value(), EnvOptions{});
    const mjModel* m = tm.value()->model();
    env.reset(5);
    std::vector<mjtNum> first(env.data()->qpos, env.data()->qpos + m->nq);
    const float act[kActionDim] = {1, 1, -1, 0.5f, 1};
    for (int i = 0; i < 10; ++i) env.step(act);
    env.reset(5);
    QCOMPARE(std::memcmp(first.data(), env.data()->qpos, m->nq * sizeof(mjtNum)), 0);
  }

  void threadCountDoesNotChangeResults_data() {
    QTest::addColumn<int>("threads");
    QTest::newRow("2 threads") << 2;
    QTest::newRow("3 threads") << 3;
    QTest::newRow("7 threads") << 7;
  }

  void threadCountDoesNotChangeResults() {
    QFETCH(int, threads);
    const std::vector<std::string> tasks = {"put_carrot_on_plate", "lift_cube", "reach"};
    const auto sequential = rollout(1, 7, 42, 40, tasks);
    const auto parallel = rollout(threads, 7, 42, 40, tasks);
    QVERIFY(!sequential.empty());
    QVERIFY(bitIdentical(sequential, parallel));
  }

  void autoResetStartsTheNextSeededEpisode() {
    VectorEnvOptions o;
    o.tasks = {"reach"};
    o.numEnvs = 2;
    o.env.maxEpisodeSteps = 3;
    auto v = VectorEnv::create(o);
    QVERIFY(v.ok());
    VectorEnv& venv = *v.value();
    const float zero[2 * kActionDim] = {};
    for (int t = 0; t < 3; ++t) venv.step(zero);
    QCOMPARE(int(venv.truncated()[0]), 1);
    QCOMPARE(venv.episodeCount(0), std::uint64_t(2));
    QCOMPARE(venv.env(0).episodeSeed(), VectorEnv::episodeSeed(0, 0, 1));
    QCOMPARE(venv.env(0).episodeStep(), 0);
    // the final observation differs from the reset one (the goal moved)
    QVERIFY(std::memcmp(venv.observations(), venv.finalObservations(), kObsDim * sizeof(float)) !=
            0);
  }
};

QTEST_GUILESS_MAIN(TestDeterminism)
#include "test_determinism.moc"

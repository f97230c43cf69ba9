#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/sim/expert.h"
#include "core/sim/task.h"

using namespace pirl::sim;

namespace {

pirl::Result<ExpertRun> run(const QString& task, int episodes, bool random, bool record = false) {
  VectorEnvOptions o;
  o.tasks = {task.toStdString()};
  o.numEnvs = 10;
  o.threads = 2;
  o.seed = 2024;
  ExpertOptions e;
  e.randomActions = random;
  return runExpert(o, episodes, e, record);
}

}  // namespace

class TestExpert : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void solvesEveryTask_data() {
    QTest::addColumn<QString>("task");
    for (const auto& def : taskDefinitions()) {
      QTest::newRow(def.name.c_str()) << QString::fromStdString(def.name);
    }
  }

  void solvesEveryTask() {
    QFETCH(QString, task);
    auto r = run(task, 60, false);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->episodes, 60);
    const double rate = static_cast<double>(r->successes) / r->episodes;
    qInfo("%s: expert success %.3f, mean length %.1f", qPrintable(task), rate,
          r->meanEpisodeLength);
    QVERIFY2(rate >= 0.95, qPrintable(QString::number(rate)));
  }

  void randomActionsAlmostNeverSucceed_data() { solvesEveryTask_data(); }

  void randomActionsAlmostNeverSucceed() {
    QFETCH(QString, task);
    auto r = run(task, 50, true);
    QVERIFY(r.ok());
    const double rate = static_cast<double>(r->successes) / r->episodes;
    QVERIFY2(rate <= 0.05, qPrintable(QString::number(rate)));
  }

  void demonstrationsAreRecordedAndDiverse() {
    auto r = run("put_carrot_on_plate", 12, false, true);
    QVERIFY(r.ok());
    const DemoDataset& ds = r->demos;
    QCOMPARE(int(ds.episodes.size()), 12);
    QCOMPARE(ds.obsDim, kObsDim);
    QCOMPARE(ds.actionDim, kActionDim);
    for (const auto& e : ds.episodes) {
      QCOMPARE(int(e.observations.size()), e.length() * kObsDim);
      QCOMPARE(int(e.actions.size()), e.length() * kActionDim);
      QCOMPARE(e.instruction, std::string("put carrot on plate"));
      // sparse reward: exactly one 1 at the end of a successful episode
      float total = 0;
      for (float x : e.rewards) total += x;
      QCOMPARE(total, e.success ? 1.0f : 0.0f);
      if (e.success) QCOMPARE(e.rewards.back(), 1.0f);
    }
    // the same scene with another expert seed is demonstrated differently
    auto tm = TaskModel::create("put_carrot_on_plate");
    QVERIFY(tm.ok());
    Env a(tm.value(), EnvOptions{}), b(tm.value(), EnvOptions{});
    a.reset(9);
    b.reset(9);
    ScriptedExpert ea, eb;
    ea.reset(1);
    eb.reset(2);
    float x[kActionDim], y[kActionDim];
    ea.act(a, x);
    eb.act(b, y);
    QVERIFY(std::memcmp(x, y, sizeof(x)) != 0);
  }

  // binary_gripper: any positive gripper action closes the fingers fully, any other opens
  // them; without it the action sets the finger target in between
  void binaryGripperSwitches() {
    auto tm = TaskModel::create("put_carrot_on_plate");
    QVERIFY(tm.ok());
    const Robot& robot = tm.value()->robot();
    const double open = robot.fingerOpen(), closed = robot.fingerClosed();
    const int adr = robot.fingerQposAdr()[0];
    for (const bool binary : {false, true}) {
      EnvOptions o;
      o.binaryGripper = binary;
      Env env(tm.value(), o);
      env.reset(1);
      const float a[kActionDim] = {0, 0, 0, 0, 0.3f};
      for (int i = 0; i < 5; ++i) (void)env.step(a);
      const double finger = env.data()->qpos[adr];
      const double expected = binary ? closed : open + 0.65 * (closed - open);
      QVERIFY2(std::abs(finger - expected) < 0.002,
               qPrintable(QString("%1 vs %2").arg(finger).arg(expected)));
      const float b[kActionDim] = {0, 0, 0, 0, -0.3f};
      for (int i = 0; i < 5; ++i) (void)env.step(b);
      const double back = env.data()->qpos[adr];
      const double expectedBack = binary ? open : open + 0.35 * (closed - open);
      QVERIFY2(std::abs(back - expectedBack) < 0.002,
               qPrintable(QString("%1 vs %2").arg(back).arg(expectedBack)));
    }
  }

  // dense_reward pays phi(s') - phi(s) with phi = 0 once solved: an episode's rewards sum to
  // 1 - phi(s_0) when it succeeds and to phi(s_end) - phi(s_0) when it runs out of time,
  // however long the policy dawdles on the way
  void denseShapingIsPotentialBased() {
    auto tm = TaskModel::create("put_carrot_on_plate");
    QVERIFY(tm.ok());
    const Task& task = tm.value()->task();
    const mjModel* m = tm.value()->model();
    EnvOptions o;
    o.denseReward = true;
    for (const bool expert : {true, false}) {
      Env env(tm.value(), o);
      env.reset(5);
      const double phi0 = task.denseReward(m, env.data());
      QVERIFY(phi0 > 0.0);
      ScriptedExpert policy;
      policy.reset(3);
      double total = 0.0;
      StepResult r;
      float a[kActionDim];
      do {
        if (expert) {
          policy.act(env, a);
        } else {
          std::fill(a, a + kActionDim, 0.0f);  // hold still: no progress, no pay
          a[4] = -1.0f;
        }
        r = env.step(a);
        total += r.reward;
        if (!expert) QVERIFY(std::abs(r.reward) < 1e-3f);
      } while (!r.terminated && !r.truncated);
      if (expert) {
        QVERIFY(r.terminated);
        QVERIFY(std::abs(total - (1.0 - phi0)) < 1e-4);
      } else {
        QVERIFY(r.truncated);
        const double phiEnd = task.denseReward(m, env.data());
        QVERIFY(std::abs(total - (phiEnd - phi0)) < 1e-4);
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestExpert)
#include "test_expert.moc"

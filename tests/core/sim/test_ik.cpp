#include <QtTest>
#include <cmath>

#include "core/common/rng.h"
#include "core/sim/env.h"
#include "core/sim/robot.h"

using namespace pirl::sim;

class TestIk : public QObject {
  Q_OBJECT

  std::shared_ptr<const TaskModel> m_tm;

 private Q_SLOTS:
  void initTestCase() {
    auto tm = TaskModel::create("reach");
    QVERIFY(tm.ok());
    m_tm = tm.value();
  }

  void solvesRandomReachableTargets() {
    const mjModel* m = m_tm->model();
    const Robot& robot = m_tm->robot();
    DataPtr scratch = makeData(m);
    pirl::Rng rng(1);
    IkOptions options;
    options.maxIterations = 100;
    int solved = 0;
    const int trials = 200;
    double worst = 0;
    for (int i = 0; i < trials; ++i) {
      // a reachable target by construction: random shoulder/elbow/waist, the wrist pitched so
      // that the gripper points straight down (pitch = shoulder + elbow + wrist_angle = pi/2)
      std::array<double, 3> target;
      double yaw = 0;
      for (;;) {
        double qs[kArmJoints] = {
            rng.uniform(-1.2, 1.2), rng.uniform(-0.6, 1.2), rng.uniform(-1.2, 1.0), 0.0, 0.0,
            rng.uniform(-1.2, 1.2)};
        qs[4] = M_PI / 2 - qs[1] - qs[2];
        if (qs[4] < -1.7 || qs[4] > 2.1) continue;
        for (int j = 0; j < kArmJoints; ++j) scratch->qpos[robot.qposAdr(j)] = qs[j];
        mj_kinematics(m, scratch.get());
        target = robot.eePosition(scratch.get());
        yaw = robot.eeYaw(scratch.get());
        if (target[2] >= 0.015 && std::hypot(target[0], target[1]) > 0.12) break;
      }
      double q[kArmJoints];
      robot.solveIk(m, scratch.get(), m_tm->homeJoints().data(), target, yaw, options, q);
      // check by forward kinematics, independently of the solver's own residual
      for (int j = 0; j < kArmJoints; ++j) scratch->qpos[robot.qposAdr(j)] = q[j];
      mj_kinematics(m, scratch.get());
      const auto p = robot.eePosition(scratch.get());
      const double err = std::hypot(p[0] - target[0], p[1] - target[1], p[2] - target[2]);
      worst = std::max(worst, err);
      const double yawErr = std::remainder(robot.eeYaw(scratch.get()) - yaw, 2 * M_PI);
      if (err < 0.005 && std::abs(yawErr) < 0.02) ++solved;
    }
    QVERIFY2(solved == trials,
             qPrintable(QString("%1/%2 solved, worst %3 m").arg(solved).arg(trials).arg(worst)));
  }

  void physicalArmTracksIkTargets() {
    // the position servos (with gravity compensation) bring the real hand within 5 mm
    Env env(m_tm, EnvOptions{});
    pirl::Rng rng(2);
    for (int trial = 0; trial < 10; ++trial) {
      env.reset(100 + trial);
      const Robot& robot = m_tm->robot();
      const std::array<double, 3> target = {rng.uniform(0.2, 0.4), rng.uniform(-0.2, 0.2),
                                            rng.uniform(0.05, 0.25)};
      // drive with full-speed actions towards the target, then hold
      float action[kActionDim] = {0, 0, 0, 0, -1};
      for (int t = 0; t < 40; ++t) {
        const auto ee = robot.eePosition(env.data());
        for (int i = 0; i < 3; ++i) {
          action[i] = static_cast<float>(std::clamp((target[i] - ee[i]) / 0.02, -1.0, 1.0));
        }
        env.step(action);
      }
      const auto ee = robot.eePosition(env.data());
      const double err = std::hypot(ee[0] - target[0], ee[1] - target[1], ee[2] - target[2]);
      QVERIFY2(err < 0.005, qPrintable(QString("trial %1: %2 m").arg(trial).arg(err)));
    }
  }

  void actionsAreBounded() {
    // one full action moves the hand by at most max_delta_pos (plus servo settling)
    Env env(m_tm, EnvOptions{});
    env.reset(3);
    const Robot& robot = m_tm->robot();
    const auto before = robot.eePosition(env.data());
    const float big[kActionDim] = {50.0f, 0, 0, 0, 0};
    env.step(big);
    const auto after = robot.eePosition(env.data());
    const double moved = std::hypot(after[0] - before[0], after[1] - before[1]);
    QVERIFY2(moved > 0.015 && moved < 0.0225, qPrintable(QString::number(moved)));
    // NaN actions are treated as zero, never propagate into the simulation
    const float nan[kActionDim] = {NAN, NAN, NAN, NAN, NAN};
    env.step(nan);
    const auto still = robot.eePosition(env.data());
    QVERIFY(std::isfinite(still[0]) &&
            std::hypot(still[0] - after[0], still[1] - after[1]) < 0.004);
  }
};

QTEST_GUILESS_MAIN(TestIk)
#include "test_ik.moc"

#include <QtTest>
#include <string>

#include "core/common/rng.h"
#include "core/sim/embedded_resources.h"
#include "core/sim/env.h"
#include "core/sim/expert.h"
#include "core/sim/mujoco_handles.h"
#include "core/sim/task.h"
#include "core/sim/vector_env.h"

using namespace pirl::sim;

namespace {

QStringList allTaskNames() {
  QStringList names;
  for (const auto& def : taskDefinitions()) {
    const QString base = QString::fromStdString(def.name);
    names << base << base + "@ood_vision" << base + "@ood_semantic" << base + "@ood_execution";
  }
  return names;
}

}  // namespace

class TestModels : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void robotModelCompilesCleanly() {
    const auto xml = embeddedResource("mjcf/widowx250.xml");
    QVERIFY(!xml.empty());
    auto loaded = loadModelFromXml(xml, "widowx250");
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    QVERIFY2(loaded->warning.empty(), loaded->warning.c_str());
    const mjModel* m = loaded->model.get();
    QCOMPARE(m->nu, 8);  // six arm joints and two fingers
    // the resource on disk is the one embedded
    auto fromFile = loadModelFromFile(PIRL_SOURCE_DIR "/resources/mjcf/widowx250.xml");
    QVERIFY(fromFile.ok());
    QCOMPARE(fromFile->model->nbody, m->nbody);
  }

  void robotHasRealisticProportions() {
    auto loaded = loadModelFromXml(embeddedResource("mjcf/widowx250.xml"), "widowx250");
    QVERIFY(loaded.ok());
    const mjModel* m = loaded->model.get();
    double armMass = 0;
    for (int b = 1; b < m->nbody; ++b) armMass += m->body_mass[b];
    // the WX250 arm weighs about 2.5 kg
    QVERIFY2(armMass > 1.5 && armMass < 4.0, qPrintable(QString::number(armMass)));
    for (int a = 0; a < m->nu; ++a) QCOMPARE(m->actuator_gaintype[a], int(mjGAIN_FIXED));
  }

  void everyTaskModelCompilesWithoutWarning_data() {
    QTest::addColumn<QString>("task");
    for (const auto& name : allTaskNames()) QTest::newRow(qPrintable(name)) << name;
  }

  void everyTaskModelCompilesWithoutWarning() {
    QFETCH(QString, task);
    auto tm = TaskModel::create(task.toStdString());
    QVERIFY2(tm.ok(), tm.ok() ? "" : tm.error().message.c_str());
    auto recompiled = loadModelFromXml(tm.value()->sceneXml(), "scene");
    QVERIFY(recompiled.ok());
    QVERIFY2(recompiled->warning.empty(), recompiled->warning.c_str());
    // random actions for a whole episode: the simulation stays healthy
    Env env(tm.value(), EnvOptions{});
    pirl::Rng rng(3);
    float action[kActionDim];
    float obs[kObsDim];
    for (int t = 0; t < env.maxEpisodeSteps(); ++t) {
      for (float& a : action) a = static_cast<float>(rng.uniform(-1, 1));
      const StepResult r = env.step(action);
      env.observe(obs);
      for (float o : obs) QVERIFY(std::isfinite(o));
      if (r.terminated || r.truncated) break;
    }
    QVERIFY2(runtimeWarningCount(env.data()) == 0, runtimeWarningText(env.data()).c_str());
  }

  void resetsPlaceEverythingCleanly_data() { everyTaskModelCompilesWithoutWarning_data(); }

  void resetsPlaceEverythingCleanly() {
    // over many seeds: no interpenetration, nothing moving after settling, and the object
    // clear of the target
    QFETCH(QString, task);
    auto tm = TaskModel::create(task.toStdString());
    QVERIFY(tm.ok());
    Env env(tm.value(), EnvOptions{});
    const mjModel* m = tm.value()->model();
    float obs[kObsDim];
    for (std::uint64_t seed = 0; seed < 60; ++seed) {
      env.reset(pirl::deriveSeed(17, seed));
      const mjData* d = env.data();
      for (int i = 0; i < d->ncon; ++i) {
        QVERIFY2(d->contact[i].dist > -0.003,
                 qPrintable(QString("seed %1: penetration %2").arg(seed).arg(d->contact[i].dist)));
      }
      for (int j = 0; j < m->njnt; ++j) {
        if (m->jnt_type[j] != mjJNT_FREE) continue;
        const mjtNum* v = d->qvel + m->jnt_dofadr[j];
        QVERIFY2(std::hypot(v[0], v[1], v[2]) < 0.05, qPrintable(QString("seed %1").arg(seed)));
      }
      env.observe(obs);
      if (task.startsWith("reach") || task.startsWith("lift_cube")) continue;
      QVERIFY(std::hypot(obs[11] - obs[18], obs[12] - obs[19]) > 0.08f);
    }
  }

  void observationLayoutIsConsistent() {
    int next = 0;
    for (const auto& f : observationLayout()) {
      QCOMPARE(f.offset, next);
      next += f.size;
    }
    QCOMPARE(next, kObsDim);
    next = 0;
    for (const auto& f : actionLayout()) {
      QCOMPARE(f.offset, next);
      next += f.size;
    }
    QCOMPARE(next, kActionDim);
  }

  void observationMatchesState() {
    auto tm = TaskModel::create("put_carrot_on_plate");
    QVERIFY(tm.ok());
    Env env(tm.value(), EnvOptions{});
    env.reset(11);
    float obs[kObsDim];
    env.observe(obs);
    const Robot& robot = tm.value()->robot();
    const auto ee = robot.eePosition(env.data());
    for (int i = 0; i < 3; ++i) QCOMPARE(obs[7 + i], static_cast<float>(ee[i]));
    // starts at home with the gripper open, 16 cm above the table
    QVERIFY(std::abs(obs[9] - 0.16f) < 0.01f);
    QVERIFY(obs[6] > 0.06f);
    // the carrot rests on the table inside the sampling area, the plate too
    QVERIFY(obs[11] > 0.2f && obs[11] < 0.42f);
    QVERIFY(std::abs(obs[13] - 0.012f) < 0.003f);
    QVERIFY(obs[14] >= 0.0f);
    const float dist = std::hypot(obs[11] - obs[18], obs[12] - obs[19]);
    QVERIFY(dist > 0.1f);
  }

  void variantsChangeWhatTheyShould() {
    auto base = TaskModel::create("put_carrot_on_plate");
    auto vision = TaskModel::create("put_carrot_on_plate@ood_vision");
    auto semantic = TaskModel::create("put_carrot_on_plate@ood_semantic");
    QVERIFY(base.ok() && vision.ok() && semantic.ok());
    // distractors add bodies
    QVERIFY(vision.value()->model()->nbody > base.value()->model()->nbody);
    QVERIFY(semantic.value()->task().instruction() != base.value()->task().instruction());
    // a different object: the eggplant is heavier than the carrot
    const mjModel* mb = base.value()->model();
    const mjModel* ms = semantic.value()->model();
    const int ob = mj_name2id(mb, mjOBJ_BODY, "object");
    const int os = mj_name2id(ms, mjOBJ_BODY, "object");
    QVERIFY(ms->body_mass[os] > mb->body_mass[ob]);
  }

  void executionVariantDisplacesTheObject() {
    auto tm = TaskModel::create("put_carrot_on_plate@ood_execution");
    QVERIFY(tm.ok());
    Env env(tm.value(), EnvOptions{});
    env.reset(5);
    float obs[kObsDim];
    env.observe(obs);
    const float x0 = obs[11], y0 = obs[12];
    const float still[kActionDim] = {0, 0, 0, 0, -1};
    float maxJump = 0;
    float prevX = x0, prevY = y0;
    for (int t = 0; t < 20; ++t) {
      env.step(still);
      env.observe(obs);
      maxJump = std::max(maxJump, std::hypot(obs[11] - prevX, obs[12] - prevY));
      prevX = obs[11];
      prevY = obs[12];
    }
    QVERIFY2(maxJump > 0.025f, qPrintable(QString::number(maxJump)));
  }

  void malformedInputGivesClearErrors_data() {
    QTest::addColumn<QString>("xml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("not xml") << "this is not xml"
                             << "malformed MJCF";
    QTest::newRow("unclosed") << "<mujoco><worldbody><body></worldbody></mujoco>"
                              << "malformed MJCF";
    QTest::newRow("bad attribute")
        << "<mujoco><worldbody><geom type=\"box\" size=\"a b c\"/></worldbody></mujoco>"
        << "malformed MJCF";
    QTest::newRow("unknown joint")
        << "<mujoco><actuator><motor joint=\"nope\"/></actuator></mujoco>"
        << "malformed MJCF";
  }

  void malformedInputGivesClearErrors() {
    QFETCH(QString, xml);
    QFETCH(QString, expected);
    auto loaded = loadModelFromXml(xml.toStdString(), "fixture");
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().message.find(expected.toStdString()) != std::string::npos,
             loaded.error().message.c_str());
    QVERIFY(loaded.error().message.find("fixture") != std::string::npos);
  }

  void missingFileAndUnknownTasksAreErrors() {
    auto missing = loadModelFromFile("/nonexistent/model.xml");
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.find("does not exist") != std::string::npos);
    auto unknown = TaskModel::create("put_cat_on_mat");
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error().message.find("unknown task 'put_cat_on_mat'") != std::string::npos);
    QVERIFY(unknown.error().message.find("put_carrot_on_plate") != std::string::npos);
    auto variant = TaskModel::create("reach@ood_weather");
    QVERIFY(!variant.ok());
    QVERIFY(variant.error().message.find("unknown task variant 'ood_weather'") !=
            std::string::npos);
    VectorEnvOptions bad;
    bad.numEnvs = 0;
    QVERIFY(!VectorEnv::create(bad).ok());
    bad.numEnvs = 2;
    bad.tasks = {"reach", "nope"};
    auto badTask = VectorEnv::create(bad);
    QVERIFY(!badTask.ok());
    QVERIFY(badTask.error().message.find("unknown task 'nope'") != std::string::npos);
  }

  void liftedObjectStaysInHand() {
    // grasp with the expert, then hold still for 4 seconds
    auto tm = TaskModel::create("lift_cube");
    QVERIFY(tm.ok());
    EnvOptions options;
    options.maxEpisodeSteps = 200;
    Env env(tm.value(), options);
    env.reset(21);
    ScriptedExpert expert;
    expert.reset(21);
    float action[kActionDim];
    int t = 0;
    while (env.expertTargets().objectLift < 0.1 && t++ < 60) {
      expert.act(env, action);
      env.step(action);
    }
    QVERIFY(env.expertTargets().objectLift >= 0.1);
    const float hold[kActionDim] = {0, 0, 0, 0, 1};
    for (int i = 0; i < 40; ++i) env.step(hold);
    const auto targets = env.expertTargets();
    QVERIFY(targets.grasped);
    QVERIFY2(targets.objectLift > 0.095, qPrintable(QString::number(targets.objectLift)));
  }
};

QTEST_GUILESS_MAIN(TestModels)
#include "test_models.moc"

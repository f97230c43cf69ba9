#include "core/sim/env.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/sim/embedded_resources.h"
#include "core/sim/state.h"

namespace pirl::sim {

namespace {

constexpr std::array<double, 3> kHomePosition = {0.22, 0.0, 0.16};
constexpr int kSettleSteps = 50;

double wrapYaw(double a) {
  constexpr double kPi = std::numbers::pi;
  a = std::fmod(a + kPi, 2 * kPi);
  if (a < 0) a += 2 * kPi;
  return a - kPi;
}

}  // namespace

Result<std::shared_ptr<const TaskModel>> TaskModel::create(std::string_view taskName) {
  auto task = Task::create(taskName);
  if (!task) return task.error();
  const std::string_view robotXml = embeddedResource("mjcf/widowx250.xml");
  if (robotXml.empty()) return Error{"the robot model resource mjcf/widowx250.xml is missing"};
  std::shared_ptr<TaskModel> tm(new TaskModel(std::move(task).value()));
  tm->m_xml = tm->m_task.sceneXml(robotXml);
  auto loaded = loadModelFromXml(tm->m_xml, tm->m_task.fullName());
  if (!loaded) return loaded.error();
  if (!loaded->warning.empty()) {
    return Error{"scene of task '" + tm->m_task.fullName() +
                 "' compiled with a warning: " + loaded->warning};
  }
  tm->m_model = loaded->model;
  const mjModel* m = tm->m_model.get();
  if (auto s = tm->m_robot.bind(m); !s) return s.error();
  if (auto s = tm->m_task.bind(m); !s) return s.error();
  // home pose: IK from a nominal bent-arm configuration
  DataPtr scratch = makeData(m);
  const double seed[kArmJoints] = {0.0, 0.0, 0.0, 0.0, std::numbers::pi / 2, 0.0};
  IkOptions ik;
  ik.maxIterations = 200;
  const double err =
      tm->m_robot.solveIk(m, scratch.get(), seed, kHomePosition, 0.0, ik, tm->m_home.data());
  if (err > 1e-3) return Error{"the robot cannot reach its home pose (IK error too large)"};
  return std::shared_ptr<const TaskModel>(std::move(tm));
}

Env::Env(std::shared_ptr<const TaskModel> taskModel, EnvOptions options)
    : m_taskModel(std::move(taskModel)), m_options(options) {
  const mjModel* m = m_taskModel->model();
  m_data = makeData(m);
  m_scratch = makeData(m);
  const double period = 1.0 / std::max(m_options.controlHz, 1e-3);
  m_substeps = std::max(1, static_cast<int>(std::lround(period / m->opt.timestep)));
  m_maxSteps = m_options.maxEpisodeSteps > 0 ? m_options.maxEpisodeSteps
                                             : m_taskModel->task().maxEpisodeSteps();
  reset(0);
}

void Env::reset(std::uint64_t seed) {
  const mjModel* m = m_taskModel->model();
  const Robot& robot = m_taskModel->robot();
  mjData* d = m_data.get();
  m_seed = seed;
  m_rng.reseed(seed);
  mj_resetData(m, d);
  const auto& home = m_taskModel->homeJoints();
  for (int i = 0; i < kArmJoints; ++i) {
    d->qpos[robot.qposAdr(i)] = home[i];
    d->ctrl[robot.armActuator(i)] = home[i];
  }
  for (int i = 0; i < 2; ++i) {
    d->qpos[robot.fingerQposAdr()[i]] = robot.fingerOpen();
    d->ctrl[robot.fingerActuators()[i]] = robot.fingerOpen();
  }
  m_taskModel->task().reset(m, d, m_rng, m_episode);
  mj_forward(m, d);
  // let objects settle onto the table before the first observation
  stepPhysics(kSettleSteps);
  m_step = 0;
  m_succeeded = false;
  m_lastIkError = 0.0;
  m_potential = shapingPotential();
}

double Env::shapingPotential() const {
  if (!m_options.denseReward) return 0.0;
  return m_taskModel->task().denseReward(m_taskModel->model(), m_data.get());
}

void Env::stepPhysics(int n) {
  const mjModel* m = m_taskModel->model();
  const Robot& robot = m_taskModel->robot();
  mjData* d = m_data.get();
  for (int s = 0; s < n; ++s) {
    // gravity and Coriolis compensation of the arm (the real arm's servos do the same)
    for (int i = 0; i < kArmJoints; ++i) {
      d->qfrc_applied[robot.dofAdr(i)] = d->qfrc_bias[robot.dofAdr(i)];
    }
    mj_step(m, d);
  }
}

StepResult Env::step(const float* action) {
  const mjModel* m = m_taskModel->model();
  const Robot& robot = m_taskModel->robot();
  const Task& task = m_taskModel->task();
  mjData* d = m_data.get();
  float a[kActionDim];
  for (int i = 0; i < kActionDim; ++i) {
    a[i] = std::isfinite(action[i]) ? std::clamp(action[i], -1.0f, 1.0f) : 0.0f;
  }
  task.beforeStep(m, d, m_step, m_episode);

  // end-effector target relative to where the hand is now, kept inside the workspace
  const auto ee = robot.eePosition(d);
  std::array<double, 3> target;
  for (int i = 0; i < 3; ++i) target[i] = ee[i] + a[i] * m_options.maxDeltaPos;
  target[0] = std::clamp(target[0], 0.12, 0.55);
  target[1] = std::clamp(target[1], -0.35, 0.35);
  target[2] = std::clamp(target[2], 0.014, 0.40);
  const double yaw = wrapYaw(robot.eeYaw(d) + a[3] * m_options.maxDeltaYaw);
  double qNow[kArmJoints];
  for (int i = 0; i < kArmJoints; ++i) qNow[i] = d->qpos[robot.qposAdr(i)];
  double q[kArmJoints];
  m_lastIkError = robot.solveIk(m, m_scratch.get(), qNow, target, yaw, m_options.ik, q);
  for (int i = 0; i < kArmJoints; ++i) d->ctrl[robot.armActuator(i)] = q[i];
  // 0 open .. 1 closed
  const double close = m_options.binaryGripper ? (a[4] > 0.0f ? 1.0 : 0.0) : 0.5 * (a[4] + 1.0);
  const double finger = robot.fingerOpen() + close * (robot.fingerClosed() - robot.fingerOpen());
  for (int f : robot.fingerActuators()) d->ctrl[f] = finger;

  stepPhysics(m_substeps);
  ++m_step;

  StepResult r;
  r.success = task.isSuccess(m, d);
  // sparse reward: 1 on the first step the task is solved
  r.reward = (r.success && !m_succeeded) ? 1.0f : 0.0f;
  if (m_options.denseReward) {
    // potential-based shaping F = phi(s') - phi(s), with phi = 0 once the task is solved:
    // undiscounted it sums to phi(s_end) - phi(s_0) over an episode, so dawdling earns
    // nothing (Ng, Harada and Russell 1999); a learner discounting by gamma < 1 sees lingering
    // at a high phi pay about (1 - gamma) * phi per step, small next to the success reward
    const double next = (m_succeeded || r.success) ? 0.0 : shapingPotential();
    r.reward += static_cast<float>(next - m_potential);
    m_potential = next;
  }
  m_succeeded = m_succeeded || r.success;
  r.terminated = r.success;
  r.truncated = !r.terminated && m_step >= m_maxSteps;
  return r;
}

Status Env::restoreState(const float* state, int size) {
  Status s = applyState(m_taskModel->model(), m_data.get(), state, size);
  if (s && m_options.denseReward) {
    const Task& task = m_taskModel->task();
    m_potential = task.isSuccess(m_taskModel->model(), m_data.get()) ? 0.0 : shapingPotential();
  }
  return s;
}

void Env::observe(float* out) const {
  const Robot& robot = m_taskModel->robot();
  const mjData* d = m_data.get();
  for (int i = 0; i < kArmJoints; ++i) out[i] = static_cast<float>(d->qpos[robot.qposAdr(i)]);
  out[6] = static_cast<float>(robot.gripperOpening(d));
  const auto ee = robot.eePosition(d);
  for (int i = 0; i < 3; ++i) out[7 + i] = static_cast<float>(ee[i]);
  out[10] = static_cast<float>(robot.eeYaw(d));
  m_taskModel->task().observeObjects(d, out + 11);
}

ExpertTargets Env::expertTargets() const {
  return m_taskModel->task().expertTargets(m_taskModel->model(), m_data.get());
}

}  // namespace pirl::sim

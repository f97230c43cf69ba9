#include "core/sim/expert.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>

namespace pirl::sim {

namespace {

double wrapPeriod(double a, double period) {
  if (period <= 0) return 0.0;
  a = std::fmod(a + period / 2, period);
  if (a < 0) a += period;
  return a - period / 2;
}

double distance(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

}  // namespace

void ScriptedExpert::reset(std::uint64_t seed) {
  m_rng.reseed(seed);
  m_approachHeight = m_rng.uniform(0.06, 0.10);
  m_carryHeight = m_rng.uniform(0.10, 0.14);
  m_speed = m_rng.uniform(0.75, 1.0);
  m_closeSteps = 3 + static_cast<int>(m_rng.below(2));
  m_jitter = {m_rng.uniform(-m_options.graspJitter, m_options.graspJitter),
              m_rng.uniform(-m_options.graspJitter, m_options.graspJitter)};
  enter(Phase::kApproach);
}

void ScriptedExpert::enter(Phase p) {
  m_phase = p;
  m_phaseSteps = 0;
}

void ScriptedExpert::act(const Env& env, float* action) {
  if (m_options.randomActions) {
    for (int i = 0; i < kActionDim; ++i) action[i] = static_cast<float>(m_rng.uniform(-1.0, 1.0));
    return;
  }
  const ExpertTargets t = env.expertTargets();
  const Robot& robot = env.taskModel().robot();
  const auto ee = robot.eePosition(env.data());
  const double eeYaw = robot.eeYaw(env.data());
  const EnvOptions& options = env.options();
  std::array<double, 3> grasp = t.grasp;
  grasp[0] += m_jitter[0];
  grasp[1] += m_jitter[1];
  const std::array<double, 3> above = {grasp[0], grasp[1], grasp[2] + m_approachHeight};
  const double yawError = t.reachOnly ? 0.0 : wrapPeriod(t.graspYaw - eeYaw, t.yawPeriod);

  std::array<double, 3> goal = ee;
  bool alignYaw = false;
  double gripper = -1.0;
  ++m_phaseSteps;
  // phase transitions first, then the motion of the (possibly new) phase
  switch (m_phase) {
    case Phase::kApproach:
      if (t.reachOnly) break;
      if (distance(ee, above) < 0.012 && std::abs(yawError) < 0.08) enter(Phase::kDescend);
      break;
    case Phase::kDescend:
      // close only once the pads are down around the object, not while still descending
      if ((std::abs(ee[2] - grasp[2]) < 0.004 &&
           std::hypot(ee[0] - grasp[0], ee[1] - grasp[1]) < 0.006) ||
          m_phaseSteps > 12) {
        enter(Phase::kClose);
      }
      break;
    case Phase::kClose:
      if (m_phaseSteps > m_closeSteps) enter(Phase::kLift);
      break;
    case Phase::kLift:
      if (!t.grasped && t.objectLift < 0.01 && m_phaseSteps > 2) {
        enter(Phase::kApproach);  // the grasp failed: try again
      } else if (!t.liftOnly && ee[2] > m_carryHeight - 0.015 && t.grasped) {
        enter(Phase::kCarry);
      }
      break;
    case Phase::kCarry: {
      const double dxy = std::hypot(ee[0] - t.place[0], ee[1] - t.place[1]);
      if (!t.grasped && t.objectLift < 0.01) {
        enter(Phase::kApproach);
      } else if (dxy < 0.008) {
        enter(Phase::kLower);
      }
      break;
    }
    case Phase::kLower:
      if (distance(ee, t.place) < 0.006 || m_phaseSteps > 12) enter(Phase::kRelease);
      break;
    case Phase::kRelease:
      if (m_phaseSteps > 2) enter(Phase::kRetreat);
      break;
    case Phase::kRetreat:
      if (m_phaseSteps > 6) enter(Phase::kApproach);
      break;
  }
  switch (m_phase) {
    case Phase::kApproach:
      goal = t.reachOnly ? t.grasp : above;
      alignYaw = true;
      break;
    case Phase::kDescend:
      goal = grasp;
      alignYaw = true;
      break;
    case Phase::kClose:
      goal = grasp;
      gripper = 1.0;
      break;
    case Phase::kLift:
      goal = {grasp[0], grasp[1], t.liftOnly ? t.place[2] : m_carryHeight};
      gripper = 1.0;
      break;
    case Phase::kCarry:
      goal = {t.place[0], t.place[1], m_carryHeight};
      gripper = 1.0;
      break;
    case Phase::kLower:
      goal = t.place;
      gripper = 1.0;
      break;
    case Phase::kRelease:
      goal = ee;
      gripper = -1.0;
      break;
    case Phase::kRetreat:
      goal = {ee[0], ee[1], t.place[2] + 0.08};
      gripper = -1.0;
      break;
  }

  // move towards the goal at up to `speed` of the maximum step, direction preserved
  double v[3];
  double largest = 0.0;
  for (int i = 0; i < 3; ++i) {
    v[i] = (goal[i] - ee[i]) / options.maxDeltaPos;
    largest = std::max(largest, std::abs(v[i]));
  }
  const double scale = largest > m_speed ? m_speed / largest : 1.0;
  for (int i = 0; i < 3; ++i) {
    const double noisy = v[i] * scale + m_options.actionNoise * m_rng.normal();
    action[i] = static_cast<float>(std::clamp(noisy, -1.0, 1.0));
  }
  const double yawStep = alignYaw ? yawError / options.maxDeltaYaw : 0.0;
  action[3] = static_cast<float>(std::clamp(yawStep, -1.0, 1.0));
  action[4] = static_cast<float>(gripper);
}

Result<ExpertRun> runExpert(const VectorEnvOptions& options, int episodesPerTask,
                            const ExpertOptions& expertOptions, bool record,
                            const ExpertProgress& progress) {
  if (episodesPerTask < 1) return Error{"the number of episodes must be at least 1"};
  const int tasks = static_cast<int>(options.tasks.size());
  const int episodes = episodesPerTask * tasks;
  VectorEnvOptions vo = options;
  // at least one environment per task, no more than there are episodes to run
  vo.numEnvs = std::max(std::min(vo.numEnvs, episodes), tasks);
  auto created = VectorEnv::create(vo);
  if (!created) return created.error();
  VectorEnv& venv = *created.value();
  const int n = venv.size();
  const auto start = std::chrono::steady_clock::now();

  std::vector<ScriptedExpert> experts(n, ScriptedExpert(expertOptions));
  std::vector<DemoEpisode> current(n);
  auto begin = [&](int i) {
    const Env& env = venv.env(i);
    experts[i].reset(deriveSeed(env.episodeSeed(), 1));
    current[i] = DemoEpisode{};
    current[i].task = env.taskModel().task().fullName();
    current[i].instruction = env.taskModel().task().instruction();
    current[i].seed = env.episodeSeed();
  };
  for (int i = 0; i < n; ++i) begin(i);

  ExpertRun run;
  run.envs = n;
  run.demos.obsDim = kObsDim;
  run.demos.actionDim = kActionDim;
  run.demos.controlHz = vo.env.controlHz;
  std::vector<float> actions(static_cast<std::size_t>(n) * kActionDim);
  std::uint64_t lengthSum = 0;
  std::vector<int> finished(tasks, 0);
  while (run.episodes < episodes) {
    for (int i = 0; i < n; ++i) experts[i].act(venv.env(i), actions.data() + i * kActionDim);
    if (record) {
      for (int i = 0; i < n; ++i) {
        const float* o = venv.observations() + i * kObsDim;
        current[i].observations.insert(current[i].observations.end(), o, o + kObsDim);
        const float* a = actions.data() + i * kActionDim;
        current[i].actions.insert(current[i].actions.end(), a, a + kActionDim);
      }
    }
    venv.step(actions.data());
    run.envSteps += static_cast<std::uint64_t>(n);
    for (int i = 0; i < n; ++i) {
      current[i].rewards.push_back(venv.rewards()[i]);
      if (!venv.terminated()[i] && !venv.truncated()[i]) continue;
      if (finished[venv.taskIndex(i)] < episodesPerTask) {
        ++finished[venv.taskIndex(i)];
        const bool success = venv.terminated()[i] != 0;
        current[i].success = success;
        ++run.episodes;
        run.successes += success ? 1 : 0;
        lengthSum += current[i].rewards.size();
        auto& tally = run.perTask[current[i].task];
        ++tally.episodes;
        tally.successes += success ? 1 : 0;
        if (record) run.demos.episodes.push_back(std::move(current[i]));
        if (progress) progress(run.episodes, episodes, run.successes);
      }
      begin(i);
    }
  }
  run.meanEpisodeLength = static_cast<double>(lengthSum) / run.episodes;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

}  // namespace pirl::sim

#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/common/rng.h"
#include "core/sim/mujoco_handles.h"
#include "core/sim/robot.h"
#include "core/sim/task.h"

namespace pirl::sim {

/// Control options shared by all environments of a run (stored with every run).
struct EnvOptions {
  /// Control (decision) frequency in Hz; physics substeps = 1 / (control_hz * timestep).
  double controlHz = 10.0;
  /// End-effector displacement for an action of 1, in metres per control step.
  double maxDeltaPos = 0.02;
  /// Gripper yaw change for an action of 1, in radians per control step.
  double maxDeltaYaw = 0.15;
  /// Add the task's dense shaping to the sparse success reward, as the potential difference
  /// phi(s') - phi(s) of the task's shaping potential (0 once solved).
  bool denseReward = false;
  /// Gripper action as a switch: > 0 closes the fingers fully, otherwise they open fully (as
  /// Bridge / SimplerEnv WidowX policies binarise it). Off: the action sets the finger target
  /// continuously, -1 open .. 1 closed.
  bool binaryGripper = false;
  /// Episode length limit in control steps; 0 uses the task's default.
  int maxEpisodeSteps = 0;
  /// Inverse-kinematics settings.
  IkOptions ik;
};

/// A compiled task scene shared (read-only) by every environment running that task.
class TaskModel {
 public:
  /// Builds and compiles the scene for "task" or "task@variant" with the embedded robot.
  /// Fails on an unknown task or variant, or if the scene does not compile cleanly.
  static Result<std::shared_ptr<const TaskModel>> create(std::string_view taskName);

  /// The task logic.
  const Task& task() const { return m_task; }
  /// The compiled MuJoCo model.
  const mjModel* model() const { return m_model.get(); }
  /// The robot's indices and IK.
  const Robot& robot() const { return m_robot; }
  /// Arm joint angles of the home pose (gripper 16 cm above the table, pointing down).
  const std::array<double, kArmJoints>& homeJoints() const { return m_home; }
  /// The scene's MJCF text.
  const std::string& sceneXml() const { return m_xml; }

 private:
  TaskModel(Task task) : m_task(std::move(task)) {}
  Task m_task;
  std::shared_ptr<const mjModel> m_model;
  Robot m_robot;
  std::array<double, kArmJoints> m_home{};
  std::string m_xml;
};

/// Outcome of one control step.
struct StepResult {
  /// Reward of this step (sparse success reward, plus the potential-based shaping when enabled).
  float reward = 0.0f;
  /// True when the episode ended by success.
  bool terminated = false;
  /// True when the episode ended by the time limit without success.
  bool truncated = false;
  /// True if the task is solved after this step.
  bool success = false;
};

/// One simulated robot + task. Not thread-safe; each thread steps its own environments.
class Env {
 public:
  /// Creates an environment over a shared task model.
  Env(std::shared_ptr<const TaskModel> taskModel, EnvOptions options);

  /// Starts a new episode whose randomness comes entirely from `seed`.
  void reset(std::uint64_t seed);
  /// Applies one action (kActionDim floats, clipped to [-1, 1]; NaN counts as 0) and advances
  /// the physics by one control period.
  StepResult step(const float* action);
  /// Sets the simulation to a recorded state (see state.h; velocities zeroed), for replays and
  /// for inspecting a policy at a stored frame. The episode counters are left alone.
  Status restoreState(const float* state, int size);
  /// Writes the current observation (kObsDim floats) into `out`.
  void observe(float* out) const;

  /// The task model this environment runs.
  const TaskModel& taskModel() const { return *m_taskModel; }
  /// The control options.
  const EnvOptions& options() const { return m_options; }
  /// Simulation state (read-only).
  const mjData* data() const { return m_data.get(); }
  /// Control steps taken in the current episode.
  int episodeStep() const { return m_step; }
  /// Seed of the current episode.
  std::uint64_t episodeSeed() const { return m_seed; }
  /// Episode length limit in control steps.
  int maxEpisodeSteps() const { return m_maxSteps; }
  /// Physics steps per control step.
  int substeps() const { return m_substeps; }
  /// Privileged information for the scripted expert.
  ExpertTargets expertTargets() const;
  /// Residual position error of the last IK solve (metres).
  double lastIkError() const { return m_lastIkError; }

 private:
  void stepPhysics(int n);
  /// The task's shaping potential phi of the current state (0 without dense reward).
  double shapingPotential() const;

  std::shared_ptr<const TaskModel> m_taskModel;
  EnvOptions m_options;
  DataPtr m_data;
  DataPtr m_scratch;
  Rng m_rng;
  TaskEpisodeState m_episode;
  std::uint64_t m_seed = 0;
  int m_step = 0;
  int m_substeps = 50;
  int m_maxSteps = 80;
  bool m_succeeded = false;
  double m_lastIkError = 0.0;
  double m_potential = 0.0;
};

}  // namespace pirl::sim

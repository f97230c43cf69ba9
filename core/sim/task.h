#pragma once

#include <mujoco/mujoco.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/common/rng.h"

namespace pirl::sim {

/// Number of floats in one observation vector (layout: observationLayout()).
inline constexpr int kObsDim = 25;
/// Number of floats in one action vector (layout: actionLayout()).
inline constexpr int kActionDim = 5;

/// One named slice of the observation or action vector, for documentation and `pirl tasks`.
struct LayoutField {
  /// Field name, e.g. "joint_pos".
  std::string name;
  /// Index of the first element.
  int offset = 0;
  /// Number of elements.
  int size = 0;
  /// Physical unit of the elements.
  std::string unit;
  /// What the field means.
  std::string description;
};

/// The observation vector's fields in order.
const std::vector<LayoutField>& observationLayout();
/// The action vector's fields in order.
const std::vector<LayoutField>& actionLayout();

/// Distribution shift applied to a task, selected as `task@variant`.
enum class Variant { kInDistribution, kOodVision, kOodSemantic, kOodExecution };

/// Name of a variant as used after '@' ("" for in-distribution).
std::string_view variantName(Variant v);

/// The shapes a manipulated object or a target can take.
enum class ShapeKind {
  kNone,
  kCarrot,
  kSpoon,
  kEggplant,
  kGreenCube,
  kYellowCube,
  kRedCube,
  kMarker,
  kPlate,
  kTowel,
  kBasket
};

/// Static description of one task of the suite.
struct TaskDefinition {
  /// Task name, e.g. "put_carrot_on_plate".
  std::string name;
  /// Language instruction given to the policy.
  std::string instruction;
  /// Instruction of the ood_semantic variant (unseen object/instruction combination).
  std::string semanticInstruction;
  /// Object that must be moved (kNone for reach).
  ShapeKind object = ShapeKind::kNone;
  /// Where it must go.
  ShapeKind target = ShapeKind::kMarker;
  /// Object used by the ood_semantic variant.
  ShapeKind semanticObject = ShapeKind::kNone;
  /// Target used by the ood_semantic variant.
  ShapeKind semanticTarget = ShapeKind::kMarker;
  /// Episode length limit in control steps.
  int maxEpisodeSteps = 80;
  /// One-line description of the optional dense shaping (its potential).
  std::string denseRewardDoc;
};

/// All tasks of the suite, in a fixed order.
const std::vector<TaskDefinition>& taskDefinitions();

/// Per-episode state a task keeps inside an environment (displacements, success memory).
struct TaskEpisodeState {
  /// Control step at which the object is displaced (ood_execution), or -1.
  int displaceStep = -1;
  /// Displacement applied at displaceStep, metres in x and y.
  std::array<double, 2> displacement = {0.0, 0.0};
};

/// What a scripted expert may read from privileged state.
struct ExpertTargets {
  /// World position where the end-effector site should close the gripper.
  std::array<double, 3> grasp = {0, 0, 0};
  /// Gripper yaw aligned with the object's grasp axis (radians).
  double graspYaw = 0.0;
  /// Symmetry period of the grasp yaw (pi for elongated objects, pi/2 for cubes).
  double yawPeriod = 0.0;
  /// World position of the end-effector at release (or the reach goal).
  std::array<double, 3> place = {0, 0, 0};
  /// True for tasks without an object (reach).
  bool reachOnly = false;
  /// True when the task ends with the object held up (lift_cube).
  bool liftOnly = false;
  /// Current object height above its resting height on the table (metres).
  double objectLift = 0.0;
  /// True while both finger pads touch the object.
  bool grasped = false;
};

/// A task instance: definition plus variant. Immutable after bind(); shared by environments.
class Task {
 public:
  /// Parses "task" or "task@variant"; fails naming the known tasks or variants.
  static Result<Task> create(std::string_view fullName);

  /// Full name including the variant suffix.
  std::string fullName() const;
  /// The definition this task was made from.
  const TaskDefinition& definition() const { return m_def; }
  /// The variant applied.
  Variant variant() const { return m_variant; }
  /// Instruction text for this variant.
  const std::string& instruction() const;
  /// Episode length limit in control steps.
  int maxEpisodeSteps() const { return m_def.maxEpisodeSteps; }

  /// MJCF of the full scene: the robot model with this task's bodies inserted.
  std::string sceneXml(std::string_view robotXml) const;

  /// Resolves body, joint and geom indices in the compiled scene; fails if any is missing.
  Status bind(const mjModel* model);

  /// Samples object and target poses for an episode from `rng` and writes them into `data`.
  void reset(const mjModel* model, mjData* data, Rng& rng, TaskEpisodeState& state) const;
  /// Applies mid-episode events (ood_execution displacement) before control step `step`.
  void beforeStep(const mjModel* model, mjData* data, int step,
                  const TaskEpisodeState& state) const;
  /// True when the task is solved in the current state.
  bool isSuccess(const mjModel* model, const mjData* data) const;
  /// Shaping potential phi of the current state for the optional dense reward (documented
  /// per task); the environment pays phi(s') - phi(s).
  double denseReward(const mjModel* model, const mjData* data) const;
  /// Writes the object pose (7) and target pose (7) into `out` (zeros where absent).
  void observeObjects(const mjData* data, float* out) const;
  /// Privileged information for the scripted expert.
  ExpertTargets expertTargets(const mjModel* model, const mjData* data) const;

 private:
  Task(TaskDefinition def, Variant variant);

  ShapeKind objectShape() const;
  ShapeKind targetShape() const;
  double objectScale() const;
  bool touchesPads(const mjModel* model, const mjData* data, int body) const;
  bool touchesBody(const mjModel* model, const mjData* data, int bodyA, int bodyB) const;
  void bodyPose(const mjData* data, int body, double pos[3], double quat[4]) const;
  double bodyYaw(const mjData* data, int body) const;

  TaskDefinition m_def;
  Variant m_variant = Variant::kInDistribution;
  int m_objectBody = -1;
  int m_targetBody = -1;
  int m_objectQposAdr = -1;
  int m_objectDofAdr = -1;
  int m_targetQposAdr = -1;
  int m_targetMocap = -1;
  int m_leftPadBody = -1;
  int m_rightPadBody = -1;
  int m_eeSite = -1;
  std::vector<int> m_distractorQposAdr;
};

}  // namespace pirl::sim

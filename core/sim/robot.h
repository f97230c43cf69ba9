#pragma once

#include <mujoco/mujoco.h>

#include <array>

#include "core/common/result.h"

namespace pirl::sim {

/// Number of arm joints (waist, shoulder, elbow, forearm_roll, wrist_angle, wrist_rotate).
inline constexpr int kArmJoints = 6;

/// Options of the damped-least-squares inverse kinematics.
struct IkOptions {
  /// Maximum Gauss-Newton iterations per solve.
  int maxIterations = 8;
  /// Damping lambda of the least-squares step (metres / radians).
  double damping = 0.03;
  /// Stop when the position error is below this (metres).
  double positionTolerance = 1e-4;
  /// Stop when the orientation error is below this (radians).
  double orientationTolerance = 1e-3;
};

/// Indices of the arm in a compiled scene and the IK that maps end-effector poses to joints.
/// The gripper always points down; its yaw about the vertical is the free orientation.
class Robot {
 public:
  /// Resolves joints, actuators and the "ee" site; fails if the model lacks any of them.
  Status bind(const mjModel* model);

  /// Solves for arm joint angles reaching `pos` with the gripper pointing down at `yaw`,
  /// starting from `qInit`. Uses `scratch` for kinematics (its qpos is overwritten). Returns
  /// the residual position error in metres.
  double solveIk(const mjModel* model, mjData* scratch, const double* qInit,
                 const std::array<double, 3>& pos, double yaw, const IkOptions& options,
                 double* qOut) const;

  /// End-effector site position in world coordinates.
  std::array<double, 3> eePosition(const mjData* data) const;
  /// Gripper yaw about the vertical axis, in [-pi, pi).
  double eeYaw(const mjData* data) const;
  /// Distance between the finger pads' inner faces (metres).
  double gripperOpening(const mjData* data) const;

  /// qpos address of arm joint i.
  int qposAdr(int i) const { return m_qposAdr[i]; }
  /// dof address of arm joint i.
  int dofAdr(int i) const { return m_dofAdr[i]; }
  /// Actuator index of arm joint i.
  int armActuator(int i) const { return m_armActuator[i]; }
  /// Actuator indices of the left and right finger.
  const std::array<int, 2>& fingerActuators() const { return m_fingerActuator; }
  /// qpos addresses of the left and right finger slides.
  const std::array<int, 2>& fingerQposAdr() const { return m_fingerQposAdr; }
  /// Finger slide position when fully open (per finger, metres).
  double fingerOpen() const { return m_fingerOpen; }
  /// Finger slide position when fully closed (per finger, metres).
  double fingerClosed() const { return m_fingerClosed; }
  /// Id of the end-effector site.
  int eeSite() const { return m_eeSite; }

 private:
  std::array<int, kArmJoints> m_qposAdr{};
  std::array<int, kArmJoints> m_dofAdr{};
  std::array<int, kArmJoints> m_armActuator{};
  std::array<std::array<double, 2>, kArmJoints> m_limits{};
  std::array<int, 2> m_fingerActuator{};
  std::array<int, 2> m_fingerQposAdr{};
  double m_fingerOpen = 0.037;
  double m_fingerClosed = 0.002;
  int m_eeSite = -1;
};

}  // namespace pirl::sim

#include "core/sim/robot.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace pirl::sim {

namespace {

constexpr const char* kArmNames[kArmJoints] = {"waist",        "shoulder",    "elbow",
                                               "forearm_roll", "wrist_angle", "wrist_rotate"};
constexpr const char* kFingerNames[2] = {"left_finger", "right_finger"};

// target rotation (row-major): gripper x axis down, fingers' axis (y) at `yaw`
void downRotation(double yaw, double R[9]) {
  const double c = std::cos(yaw);
  const double s = std::sin(yaw);
  const double r[9] = {0, -s, c, 0, c, s, -1, 0, 0};
  std::copy(r, r + 9, R);
}

}  // namespace

Status Robot::bind(const mjModel* m) {
  for (int i = 0; i < kArmJoints; ++i) {
    const int j = mj_name2id(m, mjOBJ_JOINT, kArmNames[i]);
    const int a = mj_name2id(m, mjOBJ_ACTUATOR, kArmNames[i]);
    if (j < 0 || a < 0) {
      return Error{std::string("robot model lacks joint or actuator '") + kArmNames[i] + "'"};
    }
    m_qposAdr[i] = m->jnt_qposadr[j];
    m_dofAdr[i] = m->jnt_dofadr[j];
    m_armActuator[i] = a;
    m_limits[i] = {m->jnt_range[2 * j], m->jnt_range[2 * j + 1]};
  }
  for (int i = 0; i < 2; ++i) {
    const int j = mj_name2id(m, mjOBJ_JOINT, kFingerNames[i]);
    const int a = mj_name2id(m, mjOBJ_ACTUATOR, kFingerNames[i]);
    if (j < 0 || a < 0) {
      return Error{std::string("robot model lacks finger '") + kFingerNames[i] + "'"};
    }
    m_fingerQposAdr[i] = m->jnt_qposadr[j];
    m_fingerActuator[i] = a;
    m_fingerClosed = m->jnt_range[2 * j];
    m_fingerOpen = m->jnt_range[2 * j + 1];
  }
  m_eeSite = mj_name2id(m, mjOBJ_SITE, "ee");
  if (m_eeSite < 0) return Error{"robot model lacks the end-effector site 'ee'"};
  return {};
}

double Robot::solveIk(const mjModel* m, mjData* d, const double* qInit,
                      const std::array<double, 3>& pos, double yaw, const IkOptions& options,
                      double* qOut) const {
  double target[9];
  downRotation(yaw, target);
  double q[kArmJoints];
  std::copy(qInit, qInit + kArmJoints, q);
  // per-thread Jacobian buffers: the solve runs every control step of every environment
  thread_local std::vector<double> jp, jr;
  jp.resize(3 * m->nv);
  jr.resize(3 * m->nv);
  double posError = 0.0;
  for (int iter = 0; iter <= options.maxIterations; ++iter) {
    for (int i = 0; i < kArmJoints; ++i) d->qpos[m_qposAdr[i]] = q[i];
    mj_kinematics(m, d);
    const double* p = d->site_xpos + 3 * m_eeSite;
    const double* R = d->site_xmat + 9 * m_eeSite;
    double e[6];
    for (int i = 0; i < 3; ++i) e[i] = pos[i] - p[i];
    // orientation error: 0.5 * sum over axes of (current axis x target axis), world frame
    e[3] = e[4] = e[5] = 0.0;
    for (int c = 0; c < 3; ++c) {
      const double a[3] = {R[c], R[3 + c], R[6 + c]};
      const double b[3] = {target[c], target[3 + c], target[6 + c]};
      e[3] += 0.5 * (a[1] * b[2] - a[2] * b[1]);
      e[4] += 0.5 * (a[2] * b[0] - a[0] * b[2]);
      e[5] += 0.5 * (a[0] * b[1] - a[1] * b[0]);
    }
    posError = std::sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
    const double rotError = std::sqrt(e[3] * e[3] + e[4] * e[4] + e[5] * e[5]);
    if (iter == options.maxIterations ||
        (posError < options.positionTolerance && rotError < options.orientationTolerance)) {
      break;
    }
    mj_comPos(m, d);
    mj_jacSite(m, d, jp.data(), jr.data(), m_eeSite);
    // J is 6 x 6 over the arm dofs
    double J[36];
    for (int i = 0; i < kArmJoints; ++i) {
      for (int r = 0; r < 3; ++r) {
        J[r * 6 + i] = jp[r * m->nv + m_dofAdr[i]];
        J[(r + 3) * 6 + i] = jr[r * m->nv + m_dofAdr[i]];
      }
    }
    // dq = J^T (J J^T + lambda^2 I)^-1 e
    double A[36];
    mju_mulMatMatT(A, J, J, 6, 6, 6);
    for (int i = 0; i < 6; ++i) A[i * 6 + i] += options.damping * options.damping;
    double y[6];
    mju_cholFactor(A, 6, 0.0);
    mju_cholSolve(y, A, e, 6);
    double dq[6];
    mju_mulMatTVec(dq, J, y, 6, 6);
    for (int i = 0; i < kArmJoints; ++i) {
      q[i] = std::clamp(q[i] + dq[i], m_limits[i][0], m_limits[i][1]);
    }
  }
  std::copy(q, q + kArmJoints, qOut);
  return posError;
}

std::array<double, 3> Robot::eePosition(const mjData* d) const {
  const double* p = d->site_xpos + 3 * m_eeSite;
  return {p[0], p[1], p[2]};
}

double Robot::eeYaw(const mjData* d) const {
  // the fingers' axis is the site's y axis: (-sin yaw, cos yaw, .)
  const double* R = d->site_xmat + 9 * m_eeSite;
  return std::atan2(-R[1], R[4]);
}

double Robot::gripperOpening(const mjData* d) const {
  return d->qpos[m_fingerQposAdr[0]] + d->qpos[m_fingerQposAdr[1]];
}

}  // namespace pirl::sim

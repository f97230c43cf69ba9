#pragma once

#include <mujoco/mujoco.h>

#include <vector>

#include "core/common/result.h"

namespace pirl::sim {

/// Floats of one recorded state of `model`: qpos, then mocap positions (3 each) and
/// quaternions (4 each). Episodes store one such vector per control step.
int stateSize(const mjModel* model);

/// The recorded state of `data` (see stateSize()).
std::vector<float> captureState(const mjModel* model, const mjData* data);

/// Puts a recorded state back into `data` (velocities zeroed) and recomputes positions,
/// contacts and sensors with mj_forward. Fails when the size does not match the model.
Status applyState(const mjModel* model, mjData* data, const float* state, int size);

}  // namespace pirl::sim

#include "core/sim/state.h"

#include <string>

namespace pirl::sim {

int stateSize(const mjModel* model) { return model->nq + 7 * model->nmocap; }

std::vector<float> captureState(const mjModel* m, const mjData* d) {
  std::vector<float> s;
  s.reserve(stateSize(m));
  for (int i = 0; i < m->nq; ++i) s.push_back(static_cast<float>(d->qpos[i]));
  for (int i = 0; i < 3 * m->nmocap; ++i) s.push_back(static_cast<float>(d->mocap_pos[i]));
  for (int i = 0; i < 4 * m->nmocap; ++i) s.push_back(static_cast<float>(d->mocap_quat[i]));
  return s;
}

Status applyState(const mjModel* m, mjData* d, const float* state, int size) {
  if (size != stateSize(m)) {
    return Error{"a recorded state has " + std::to_string(size) + " values but this model needs " +
                 std::to_string(stateSize(m)) + " (qpos + 7 per mocap body)"};
  }
  int k = 0;
  for (int i = 0; i < m->nq; ++i) d->qpos[i] = state[k++];
  for (int i = 0; i < 3 * m->nmocap; ++i) d->mocap_pos[i] = state[k++];
  for (int i = 0; i < 4 * m->nmocap; ++i) d->mocap_quat[i] = state[k++];
  for (int i = 0; i < m->nv; ++i) d->qvel[i] = 0.0;
  mj_forward(m, d);
  return {};
}

}  // namespace pirl::sim

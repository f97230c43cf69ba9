#include "core/sim/vector_env.h"

#include <algorithm>
#include <string>

#include "core/common/rng.h"

namespace pirl::sim {

VectorEnv::VectorEnv(VectorEnvOptions options) : m_options(std::move(options)) {}

Result<std::unique_ptr<VectorEnv>> VectorEnv::create(const VectorEnvOptions& options) {
  if (options.numEnvs < 1) return Error{"the number of environments must be at least 1"};
  if (options.threads < 1) return Error{"the number of threads must be at least 1"};
  if (options.tasks.empty()) return Error{"no task given"};
  if (!(options.env.controlHz > 0)) return Error{"control_hz must be positive"};
  if (options.groupSize < 1) return Error{"the group size must be at least 1"};
  std::unique_ptr<VectorEnv> v(new VectorEnv(options));
  for (const auto& name : options.tasks) {
    auto model = TaskModel::create(name);
    if (!model) return model.error();
    v->m_models.push_back(std::move(model).value());
  }
  const int n = options.numEnvs;
  for (int i = 0; i < n; ++i) {
    const int task = i % static_cast<int>(v->m_models.size());
    v->m_taskIndex.push_back(task);
    v->m_envs.push_back(std::make_unique<Env>(v->m_models[task], options.env));
  }
  v->m_episodes.assign(n, 0);
  v->m_obs.assign(static_cast<std::size_t>(n) * kObsDim, 0.0f);
  v->m_finalObs.assign(static_cast<std::size_t>(n) * kObsDim, 0.0f);
  v->m_rewards.assign(n, 0.0f);
  v->m_terminated.assign(n, 0);
  v->m_truncated.assign(n, 0);
  v->m_success.assign(n, 0);
  v->m_finished.assign(n, 0);
  v->m_pool = std::make_unique<ThreadPool>(std::min(options.threads, n));
  v->reset();
  return v;
}

std::uint64_t VectorEnv::episodeSeed(std::uint64_t seed, int index, std::uint64_t episode) {
  return deriveSeed(deriveSeed(seed, static_cast<std::uint64_t>(index)), episode);
}

void VectorEnv::resetEnv(int i) {
  const int stream = i / std::max(m_options.groupSize, 1);
  m_envs[i]->reset(episodeSeed(m_options.seed, stream, m_episodes[i]));
  ++m_episodes[i];
  m_envs[i]->observe(m_obs.data() + static_cast<std::size_t>(i) * kObsDim);
}

void VectorEnv::reset(std::uint64_t seed) {
  m_options.seed = seed;
  reset();
}

void VectorEnv::reset() {
  std::fill(m_episodes.begin(), m_episodes.end(), 0);
  std::fill(m_finished.begin(), m_finished.end(), 0);
  m_pool->parallelFor(m_envs.size(), [this](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) resetEnv(static_cast<int>(i));
  });
  m_finalObs = m_obs;
}

Status VectorEnv::resetTo(const std::vector<std::uint64_t>& seeds) {
  if (seeds.size() != m_envs.size()) {
    return Error{"resetTo: " + std::to_string(seeds.size()) + " seeds for " +
                 std::to_string(m_envs.size()) + " environments"};
  }
  std::fill(m_episodes.begin(), m_episodes.end(), 1);
  std::fill(m_finished.begin(), m_finished.end(), 0);
  m_pool->parallelFor(m_envs.size(), [this, &seeds](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      m_envs[i]->reset(seeds[i]);
      m_envs[i]->observe(m_obs.data() + i * kObsDim);
    }
  });
  m_finalObs = m_obs;
  return {};
}

void VectorEnv::resetFinished() {
  m_pool->parallelFor(m_envs.size(), [this](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      if (!m_finished[i]) continue;
      m_finished[i] = 0;
      resetEnv(static_cast<int>(i));
    }
  });
}

void VectorEnv::step(const float* actions) {
  m_pool->parallelFor(m_envs.size(), [this, actions](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      Env& env = *m_envs[i];
      if (m_finished[i]) {
        m_rewards[i] = 0.0f;
        m_terminated[i] = m_truncated[i] = m_success[i] = 0;
        continue;
      }
      const StepResult r = env.step(actions + i * kActionDim);
      m_rewards[i] = r.reward;
      m_terminated[i] = r.terminated ? 1 : 0;
      m_truncated[i] = r.truncated ? 1 : 0;
      m_success[i] = r.success ? 1 : 0;
      float* finalObs = m_finalObs.data() + i * kObsDim;
      env.observe(finalObs);
      if ((r.terminated || r.truncated) && !m_options.autoReset) {
        m_finished[i] = 1;
        std::copy(finalObs, finalObs + kObsDim, m_obs.data() + i * kObsDim);
      } else if (r.terminated || r.truncated) {
        resetEnv(static_cast<int>(i));
      } else {
        std::copy(finalObs, finalObs + kObsDim, m_obs.data() + i * kObsDim);
      }
    }
  });
}

}  // namespace pirl::sim

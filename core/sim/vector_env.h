#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/common/thread_pool.h"
#include "core/sim/env.h"

namespace pirl::sim {

/// Options of a vectorised environment (stored with every run).
struct VectorEnvOptions {
  /// Tasks to run ("task" or "task@variant"); environments are dealt to them in turn.
  std::vector<std::string> tasks = {"put_carrot_on_plate"};
  /// Number of environments.
  int numEnvs = 8;
  /// Worker threads stepping the environments (the calling thread included).
  int threads = 1;
  /// Base seed; environment i's episode e uses deriveSeed(deriveSeed(seed, i), e).
  std::uint64_t seed = 0;
  /// Control options of every environment.
  EnvOptions env;
  /// Reset an environment as soon as its episode ends; when false it stays finished (and is
  /// no longer stepped) until the next reset(), which evaluation uses to run one episode each.
  bool autoReset = true;
  /// Environments i and j share their reset seeds when i / group == j / group (GRPO groups);
  /// 1 gives every environment its own stream.
  int groupSize = 1;
};

/// N environments stepped in parallel on a thread pool. Observations, actions and rewards are
/// contiguous row-major float arrays ([N, kObsDim], [N, kActionDim], [N]). An environment
/// whose episode ends is reset at once (auto-reset); its last observation stays available in
/// finalObservations(). Results do not depend on the thread count.
class VectorEnv {
 public:
  /// Compiles the task models and creates the environments; fails on unknown tasks.
  static Result<std::unique_ptr<VectorEnv>> create(const VectorEnvOptions& options);

  /// Resets every environment to its first episode (episode counters restart at 0).
  void reset();
  /// Same, with a new base seed.
  void reset(std::uint64_t seed);
  /// Resets environment i to a new episode with episode seed `seeds[i]` (one per environment;
  /// see episodeSeed), e.g. to play a reset state again. Episode counters restart at 1. Fails,
  /// changing nothing, unless there is exactly one seed per environment.
  Status resetTo(const std::vector<std::uint64_t>& seeds);
  /// Resets only the environments whose episode ended (autoReset off), to their next episode.
  void resetFinished();
  /// Steps every environment with its row of `actions` ([N, kActionDim]).
  void step(const float* actions);

  /// Number of environments.
  int size() const { return static_cast<int>(m_envs.size()); }
  /// Current observations, [N, kObsDim] (after auto-reset for environments that finished).
  const float* observations() const { return m_obs.data(); }
  /// Observations at the end of the last step, before any auto-reset, [N, kObsDim].
  const float* finalObservations() const { return m_finalObs.data(); }
  /// Rewards of the last step, [N].
  const float* rewards() const { return m_rewards.data(); }
  /// 1 where the last step ended the episode by success, [N].
  const std::uint8_t* terminated() const { return m_terminated.data(); }
  /// 1 where the last step ended the episode by the time limit, [N].
  const std::uint8_t* truncated() const { return m_truncated.data(); }
  /// 1 where the task was solved after the last step, [N].
  const std::uint8_t* successes() const { return m_success.data(); }
  /// 1 where the environment's episode ended and it waits for reset() (autoReset off), [N].
  const std::uint8_t* finished() const { return m_finished.data(); }
  /// Environment i (read-only).
  const Env& env(int i) const { return *m_envs[i]; }
  /// Index into options().tasks of environment i's task.
  int taskIndex(int i) const { return m_taskIndex[i]; }
  /// Episodes started by environment i so far (including the current one).
  std::uint64_t episodeCount(int i) const { return m_episodes[i]; }
  /// The options this vector env was created with.
  const VectorEnvOptions& options() const { return m_options; }
  /// Seed of episode `episode` of environment `index` under base seed `seed`.
  static std::uint64_t episodeSeed(std::uint64_t seed, int index, std::uint64_t episode);

 private:
  VectorEnv(VectorEnvOptions options);
  void resetEnv(int i);

  VectorEnvOptions m_options;
  std::vector<std::shared_ptr<const TaskModel>> m_models;
  std::vector<std::unique_ptr<Env>> m_envs;
  std::vector<int> m_taskIndex;
  std::vector<std::uint64_t> m_episodes;
  std::vector<float> m_obs, m_finalObs, m_rewards;
  std::vector<std::uint8_t> m_terminated, m_truncated, m_success, m_finished;
  std::unique_ptr<ThreadPool> m_pool;
};

}  // namespace pirl::sim

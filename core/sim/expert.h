#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "core/common/rng.h"
#include "core/sim/demo_dataset.h"
#include "core/sim/env.h"
#include "core/sim/vector_env.h"

namespace pirl::sim {

/// Randomisation of the scripted expert, so that demonstrations are diverse.
struct ExpertOptions {
  /// Std of Gaussian noise added to the motion part of each action (normalised units).
  double actionNoise = 0.05;
  /// Half-width of the uniform grasp-point jitter (metres).
  double graspJitter = 0.003;
  /// Replace the expert by uniformly random actions (the baseline that should almost never
  /// succeed).
  bool randomActions = false;
};

/// A closed-loop scripted policy on privileged state: approach, grasp, lift, carry, place,
/// release, with retries when a grasp fails. Deterministic given its seed and the env.
class ScriptedExpert {
 public:
  /// The phases of one pick-and-place.
  enum class Phase { kApproach, kDescend, kClose, kLift, kCarry, kLower, kRelease, kRetreat };

  /// Creates an expert with the given randomisation.
  explicit ScriptedExpert(ExpertOptions options = {}) : m_options(options) {}

  /// Starts a new episode; per-episode style parameters come from `seed`.
  void reset(std::uint64_t seed);
  /// Computes the action (kActionDim floats) for the environment's current state.
  void act(const Env& env, float* action);
  /// Current phase.
  Phase phase() const { return m_phase; }

 private:
  void enter(Phase p);

  ExpertOptions m_options;
  Rng m_rng;
  Phase m_phase = Phase::kApproach;
  int m_phaseSteps = 0;
  double m_approachHeight = 0.09;
  double m_carryHeight = 0.12;
  double m_speed = 1.0;
  int m_closeSteps = 3;
  std::array<double, 2> m_jitter{};
};

/// Success count per task of an expert run.
struct TaskTally {
  /// Episodes finished.
  int episodes = 0;
  /// Episodes that ended in success.
  int successes = 0;
};

/// Outcome of running the scripted expert for a number of episodes.
struct ExpertRun {
  /// Episodes finished: for each task the first `episodesPerTask` to end (in step order, then
  /// environment order).
  int episodes = 0;
  /// Of which successful.
  int successes = 0;
  /// Mean episode length in control steps.
  double meanEpisodeLength = 0.0;
  /// Environments that ran in parallel.
  int envs = 0;
  /// Control steps taken by all environments.
  std::uint64_t envSteps = 0;
  /// Wall time in seconds.
  double seconds = 0.0;
  /// Tally per task name.
  std::map<std::string, TaskTally> perTask;
  /// The recorded episodes (empty unless recording was requested).
  DemoDataset demos;
};

/// Called after each finished episode with (finished, total, successes so far).
using ExpertProgress = std::function<void(int, int, int)>;

/// Runs the scripted expert on a vector env until `episodesPerTask` episodes of every task have
/// finished, optionally recording them as demonstrations.
Result<ExpertRun> runExpert(const VectorEnvOptions& options, int episodesPerTask,
                            const ExpertOptions& expertOptions, bool record,
                            const ExpertProgress& progress = {});

}  // namespace pirl::sim

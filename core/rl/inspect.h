#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/sim/env.h"

namespace pirl::rl {

/// Denoising chains a policy samples for one observation, for the 3D denoising view.
struct DenoisingChains {
  /// Sampler: ode, flow_sde, flow_sde_full or flow_noise.
  std::string method;
  /// Samples drawn.
  int samples = 0;
  /// Denoising steps N.
  int steps = 0;
  /// Chunk length H.
  int chunk = 0;
  /// Executed part K of the chunk.
  int executed = 0;
  /// Action dimensions D.
  int actionDim = 0;
  /// x_0 (noise, t = 1) .. x_N (action, t = 0) in environment action units, unclipped:
  /// [samples, N + 1, H, D].
  std::vector<float> chains;
  /// Standard deviation of each transition x_k -> x_{k+1} in environment action units
  /// (0 where the step is deterministic): [samples, N, H, D].
  std::vector<float> stepStd;
  /// End-effector position of the observation (metres).
  std::array<double, 3> eePos{};
  /// End-effector yaw (radians).
  double eeYaw = 0.0;
  /// Metres of end-effector motion per unit of the first three action dimensions.
  double maxDeltaPos = 0.02;
};

/// Samples `samples` denoising chains with each of `methods` from checkpoint `checkpointDir`
/// for the observation of `task` at recorded `state` (see sim/state.h). Flow-SDE uses a
/// different stochastic step per sample. Same seed, same chains.
Result<std::vector<DenoisingChains>> sampleDenoisingChains(const std::string& checkpointDir,
                                                           const std::string& task,
                                                           const std::vector<float>& state,
                                                           const std::vector<std::string>& methods,
                                                           int samples, std::uint64_t seed,
                                                           const sim::EnvOptions& envOptions = {});

/// The critic's value V(s) of a checkpoint at each of `states` ([n, stateDim] floats) of task
/// `task`, for the replay plots.
Result<std::vector<float>> stateValues(const std::string& checkpointDir, const std::string& task,
                                       const std::vector<float>& states, int stateDim);

/// One deterministic (ODE) episode of a checkpoint, with its states.
struct RecordedRollout {
  /// Per-step states [length + 1, stateDim] (see sim/state.h).
  std::vector<float> states;
  /// Floats per state.
  int stateDim = 0;
  /// Control steps taken.
  int length = 0;
  /// Whether the task was solved.
  bool success = false;
};

/// Runs checkpoint `checkpointDir` on `task` from the reset of episode seed `seed` with the
/// deterministic ODE sampler (initial noise from `noiseSeed`), recording every state; the same
/// arguments give the same rollout, so two checkpoints can be compared step by step. The
/// initial noise is scaled by `initNoiseScale` (eval.init_noise_scale; 0: deterministic).
Result<RecordedRollout> rolloutEpisode(const std::string& checkpointDir, const std::string& task,
                                       std::uint64_t seed, std::uint64_t noiseSeed = 4242,
                                       const sim::EnvOptions& envOptions = {},
                                       double initNoiseScale = 1.0);

/// How far one sampler's randomness spreads the executed part of a chunk, averaged over reset
/// states of a task (`pirl bench explore`).
struct ExplorationSpread {
  /// Sampler: ode (initial noise x_0 only), flow_sde (hybrid), flow_sde_full or flow_noise.
  std::string method;
  /// Flow-SDE noise level a (the checkpoint's for ode and flow_noise).
  double noiseLevel = 0.0;
  /// Norm of the per-axis standard deviation of the end-effector displacement over the K
  /// executed steps (metres; actions clipped to [-1, 1] as the environment does).
  double handSpread = 0.0;
  /// Standard deviation of the gripper command, mean over the executed steps.
  double gripperStd = 0.0;
};

/// Samples `samples` chunks per sampler for each of `states` reset states of `task` (episode
/// seeds deriveSeed(seed, i)) from checkpoint `checkpointDir` and reports their spread: the
/// ODE sampler (randomness of x_0 alone), Flow-SDE full and hybrid at each of `noiseLevels`,
/// and Flow-Noise with the checkpoint's noise head.
Result<std::vector<ExplorationSpread>> explorationSpread(const std::string& checkpointDir,
                                                         const std::string& task,
                                                         const std::vector<double>& noiseLevels,
                                                         int states, int samples,
                                                         std::uint64_t seed);

/// Reset observations of the suite's tasks in turn (task i mod the task count, episode seed
/// deriveSeed(seed, i)), with their instructions: sample inputs for exports and checks.
struct SuiteObservations {
  /// [batch, kObsDim] observations.
  std::vector<float> observations;
  /// One instruction per observation.
  std::vector<std::string> instructions;
};

/// `batch` reset observations of the suite (see SuiteObservations).
Result<SuiteObservations> suiteObservations(int batch, std::uint64_t seed);

/// Path of the end effector each chunk of `chains` implies: for sample s and denoising step k,
/// H + 1 points starting at eePos and moving by clip(a_h[0:3], -1, 1) · maxDeltaPos per step.
/// Returned as [samples][N + 1][H + 1] points.
std::vector<std::vector<std::vector<std::array<double, 3>>>> chainPaths(
    const DenoisingChains& chains);

}  // namespace pirl::rl

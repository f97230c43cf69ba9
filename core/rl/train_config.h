#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/options.h"
#include "core/common/result.h"
#include "core/policy/policy_options.h"
#include "core/sim/env.h"

namespace pirl::rl {

/// Supervised flow-matching (SFT) options.
struct SftOptions {
  /// Expert demonstrations per task (successful episodes), generated with demo_seed.
  int demosPerTask = 10;
  /// Seed of the demonstration episodes.
  std::uint64_t demoSeed = 1000;
  /// Read demonstrations from this .pirldemo file instead of running the expert.
  std::string demoFile;
  /// Tasks SFT learns and is evaluated on; empty: the run's tasks (so an RL run on one task can
  /// start from the multi-task few-shot policy).
  std::vector<std::string> tasks;
  /// Passes over the training chunks.
  int epochs = 300;
  /// Chunks per gradient step.
  int batchSize = 256;
  /// AdamW learning rate.
  double lr = 1e-3;
  /// AdamW weight decay.
  double weightDecay = 1e-4;
  /// Fraction of demonstration episodes held out for the validation loss.
  double valFraction = 0.1;
};

/// RL fine-tuning options (ALGORITHMS.md §2-4).
struct RlOptions {
  /// flow_noise, flow_sde (hybrid), flow_sde_full (ablation).
  std::string method = "flow_noise";
  /// Advantages: gae (PPO with a critic) or grpo (group-relative, no critic).
  std::string advType = "gae";
  /// Checkpoint to start from; empty with stage sft_rl (SFT runs first).
  std::string initCheckpoint;
  /// PPO iterations (rollout + update).
  int iterations = 100;
  /// Parallel environments.
  int numEnvs = 64;
  /// Chunks collected per environment and iteration (gae).
  int rolloutChunks = 16;
  /// Time limit of training episodes in control steps (0: env.max_episode_steps, else the
  /// task's); evaluation always uses the latter.
  int maxEpisodeSteps = 0;
  /// Passes over each rollout batch.
  int updateEpochs = 4;
  /// Minibatches per pass.
  int minibatches = 4;
  /// Discount per chunk.
  double gamma = 0.99;
  /// GAE lambda.
  double gaeLambda = 0.95;
  /// PPO ratio clip epsilon.
  double clip = 0.2;
  /// Value clipping around the rollout value.
  double valueClip = 0.2;
  /// Huber delta of the value loss.
  double huberDelta = 10.0;
  /// Entropy bonus (Flow-Noise only).
  double entropyBonus = 0.005;
  /// Learning rate of the actor (encoder, expert, noise head).
  double actorLr = 3e-4;
  /// Learning rate of the critic (value head).
  double criticLr = 1e-3;
  /// Actor learning-rate schedule over the actor's iterations: constant, linear or cosine.
  std::string lrSchedule = "constant";
  /// Fraction of actor_lr the linear / cosine schedule ends at (last iteration).
  double lrEndFraction = 0.1;
  /// Actor iterations over which the learning rate ramps up linearly (0: none).
  int actorLrWarmup = 0;
  /// AdamW weight decay.
  double weightDecay = 0.01;
  /// Gradient-norm clip.
  double maxGradNorm = 1.0;
  /// Ratio per chunk ("chunk") or per element ("element").
  std::string logprobLevel = "chunk";
  /// GRPO group size (environments sharing a reset state).
  int groupSize = 8;
  /// GRPO: keep groups whose mean success lies in this range.
  std::array<double, 2> groupFilter = {0.1, 0.9};
  /// Correlation of the exploration noise between consecutive chunks of an episode (AR(1),
  /// marginally standard normal); 0 draws it independently per chunk.
  double noiseCorrelation = 0.0;
  /// GRPO: a group's environments share each chunk's initial noise x_0.
  bool groupSharedInitNoise = false;
  /// GRPO: at most this fraction of an iteration's groups play again the reset state of a group
  /// that was mixed (kept by the group filter) in the previous iteration, in the same slot; the
  /// others draw fresh states. 0 = every group draws a fresh state.
  double revisitFraction = 0.0;
  /// GRPO: how many times a reset state may be played again after its first play.
  int revisitLimit = 1;
  /// Iterations of critic-only updates before the actor starts (gae).
  int criticWarmup = 0;
  /// Write a checkpoint every this many iterations (and at the end).
  int checkpointEvery = 10;
  /// Store per-step states of this many episodes per iteration for replay.
  int recordEpisodes = 2;
  /// Fault injection for tests: make the loss NaN at this iteration (0: never).
  int faultNanIteration = 0;
};

/// Deterministic (ODE) evaluation options.
struct EvalOptions {
  /// Evaluation episodes per task.
  int episodes = 200;
  /// Parallel evaluation environments.
  int envs = 50;
  /// Base seed of the evaluation episodes (fixed, distinct from training).
  std::uint64_t seed = 777;
  /// Evaluate every this many epochs / iterations (0: only at the end).
  int every = 0;
  /// Also evaluate the OOD variants (at the start and the end of RL).
  bool ood = true;
  /// Denoising steps of the evaluation ODE (0: policy.denoise_steps).
  int denoiseSteps = 0;
  /// Scale of the evaluation ODE's initial noise x_0 (1: x_0 ~ N(0, I) as in training; 0: every
  /// chain starts at the prior's mean, a deterministic policy).
  double initNoiseScale = 1.0;
};

/// Everything a training run needs; stored in full with every run and checkpoint.
struct TrainConfig {
  /// Run name shown in listings.
  std::string name = "run";
  /// What the run does: sft, rl (from rl.init_checkpoint), or sft_rl (SFT, then RL).
  std::string stage = "sft";
  /// Seed of all randomness (initialisation, batches, noise).
  std::uint64_t seed = 0;
  /// Compute device: auto (CUDA when available), cpu, cuda.
  std::string device = "auto";
  /// Worker threads stepping environments.
  int threads = 2;
  /// Tasks ("task" or "task@variant").
  std::vector<std::string> tasks = {"put_carrot_on_plate", "put_spoon_on_towel",
                                    "stack_green_on_yellow", "put_eggplant_in_basket"};
  /// Environment control options.
  sim::EnvOptions env;
  /// Policy architecture and sampling.
  policy::PolicyOptions policy;
  /// Supervised training.
  SftOptions sft;
  /// RL fine-tuning.
  RlOptions rl;
  /// Evaluation.
  EvalOptions eval;

  /// Binds every field to an option table (keys as in docs/config-reference.md).
  OptionSet options();
  /// Checks cross-field constraints (e.g. action_chunk <= chunk, known tasks).
  Status validate() const;
  /// The full config as YAML.
  std::string toYaml();
};

/// Loads a config file (YAML) and applies `key=value` overrides in order.
Result<TrainConfig> loadTrainConfig(const std::string& path,
                                    const std::vector<std::string>& overrides);

/// Parses a config from YAML text; `source` names it in messages.
Result<TrainConfig> parseTrainConfig(const std::string& yaml, const std::string& source,
                                     const std::vector<std::string>& overrides = {});

}  // namespace pirl::rl

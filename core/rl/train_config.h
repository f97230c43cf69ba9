#pragma once

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

/// Deterministic (ODE) evaluation options.
struct EvalOptions {
  /// Evaluation episodes per task.
  int episodes = 200;
  /// Parallel evaluation environments.
  int envs = 50;
  /// Base seed of the evaluation episodes (fixed, distinct from training).
  std::uint64_t seed = 777;
  /// Evaluate every this many epochs (0: only at the end).
  int every = 0;
  /// Denoising steps of the evaluation ODE (0: policy.denoise_steps).
  int denoiseSteps = 0;
};

/// Everything a training run needs; stored in full with every run and checkpoint.
struct TrainConfig {
  /// Run name shown in listings.
  std::string name = "run";
  /// What the run does: "sft".
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

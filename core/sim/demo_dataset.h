#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace pirl::sim {

/// One demonstration episode: observation t is what the policy saw before action t.
struct DemoEpisode {
  /// Task name including any variant suffix.
  std::string task;
  /// Instruction text given in the episode.
  std::string instruction;
  /// Seed the environment was reset with.
  std::uint64_t seed = 0;
  /// Whether the episode ended in success.
  bool success = false;
  /// Observations, [length, obsDim] row-major.
  std::vector<float> observations;
  /// Actions, [length, actionDim] row-major.
  std::vector<float> actions;
  /// Rewards, [length].
  std::vector<float> rewards;
  /// Number of control steps.
  int length() const { return static_cast<int>(rewards.size()); }
};

/// A set of demonstrations with its layout (file format: docs/file-formats.md).
struct DemoDataset {
  /// Floats per observation.
  int obsDim = 0;
  /// Floats per action.
  int actionDim = 0;
  /// Control frequency the demonstrations were recorded at (Hz).
  double controlHz = 10.0;
  /// The episodes.
  std::vector<DemoEpisode> episodes;
};

/// Writes a dataset atomically (temporary file + rename); an existing file is replaced only
/// once the new one is complete.
Status saveDemos(const DemoDataset& dataset, const std::string& path);

/// Reads a dataset; a missing, truncated or corrupt file gives an error naming the problem.
Result<DemoDataset> loadDemos(const std::string& path);

}  // namespace pirl::sim

#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/policy/normalizer.h"

namespace pirl::rl {

/// The manifest of a checkpoint directory (`manifest.json`, docs/file-formats.md).
struct CheckpointManifest {
  /// Training step (gradient steps) when written.
  std::int64_t step = 0;
  /// SHA-256 of model.pt.
  std::string sha256;
  /// Size of model.pt in bytes.
  std::int64_t sizeBytes = 0;
  /// The run's full config (YAML).
  std::string configYaml;
  /// UTC creation time, ISO 8601.
  std::string created;
  /// Device the run trained on.
  std::string device;
  /// Floats per observation.
  int obsDim = 0;
  /// Action dimensions.
  int actionDim = 0;
  /// Normalisation statistics.
  policy::Normalizer normalizer;
  /// Versions of PiRL Studio, LibTorch and MuJoCo that wrote it.
  std::string versions;
  /// Trainer counters as JSON ({"stage", "iteration", "env_steps"}), "{}" for SFT.
  std::string trainer = "{}";
};

/// JSON object with the versions of PiRL Studio, LibTorch and MuJoCo in this build.
std::string versionsJson();

/// Resolves a device name ("auto", "cpu", "cuda") to the device a run would use ("cpu",
/// "cuda:0"); fails for "cuda" without a GPU.
Result<std::string> resolveDeviceName(const std::string& name);

/// Name of the directory of step `step` ("step_<N>").
std::string checkpointDirName(std::int64_t step);

/// Reads a checkpoint's manifest; fails with a clear message on a missing or malformed one.
Result<CheckpointManifest> readCheckpointManifest(const std::string& dir);

/// Verifies model.pt against the manifest's SHA-256 and size; a truncated or modified file is
/// an error naming the checkpoint.
Result<CheckpointManifest> verifyCheckpoint(const std::string& dir);

}  // namespace pirl::rl

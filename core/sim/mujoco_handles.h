#pragma once

#include <mujoco/mujoco.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/common/result.h"

namespace pirl::sim {

/// Deleter for mjModel owned by a unique_ptr.
struct ModelDeleter {
  void operator()(mjModel* m) const { mj_deleteModel(m); }
};
/// Deleter for mjData owned by a unique_ptr.
struct DataDeleter {
  void operator()(mjData* d) const { mj_deleteData(d); }
};

/// Owning pointer to a compiled MuJoCo model.
using ModelPtr = std::unique_ptr<mjModel, ModelDeleter>;
/// Owning pointer to MuJoCo simulation state.
using DataPtr = std::unique_ptr<mjData, DataDeleter>;

/// A compiled model plus any warning the compiler printed (empty when clean).
struct LoadedModel {
  /// The compiled model, never null.
  std::shared_ptr<const mjModel> model;
  /// Compiler warning text; empty when the model compiled cleanly.
  std::string warning;
};

/// Compiles MJCF text held in memory; `name` identifies it in error messages. Fails with the
/// compiler's message (line and element) on malformed input.
Result<LoadedModel> loadModelFromXml(std::string_view xml, const std::string& name);

/// Compiles an MJCF file from disk (its includes and meshes resolve relative to it).
Result<LoadedModel> loadModelFromFile(const std::string& path);

/// Allocates simulation state for a model.
DataPtr makeData(const mjModel* model);

/// Sum of MuJoCo's runtime warning counters in `data` (0 when the simulation is healthy).
int runtimeWarningCount(const mjData* data);

/// Text describing the non-zero runtime warnings in `data`, empty when there are none.
std::string runtimeWarningText(const mjData* data);

}  // namespace pirl::sim

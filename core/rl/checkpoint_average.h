#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace pirl::rl {

/// Writes to `outDir` a checkpoint whose network is the element-wise mean of the networks of
/// `dirs` (checkpoint averaging, e.g. the last few checkpoints of one run). All must share the
/// architecture, observation and action sizes and normaliser; the manifest (config, trainer
/// counters) is the last checkpoint's with `step`, and no optimizer state is stored. Fails with
/// a message naming the checkpoint that does not match.
Status averageCheckpoints(const std::vector<std::string>& dirs, const std::string& outDir,
                          std::int64_t step);

}  // namespace pirl::rl

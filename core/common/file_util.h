#pragma once

#include <string>

#include "core/common/result.h"

namespace pirl {

/// Reads a whole file; fails naming the path when it cannot be read.
Result<std::string> readFile(const std::string& path);

/// Writes `data` to `path` atomically: a temporary file in the same directory, flushed, then
/// renamed over `path`. An existing file is never left half-written. Creates parent folders.
Status writeFileAtomic(const std::string& path, const std::string& data);

/// The application's data directory: $PIRL_DATA_DIR, else $XDG_DATA_HOME/pirl-studio, else
/// ~/.local/share/pirl-studio. Created when missing.
Result<std::string> dataDirectory();

}  // namespace pirl

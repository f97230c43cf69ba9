#pragma once

#include <functional>
#include <string>

#include "core/common/result.h"

namespace pirl {

/// Reads a whole file; fails naming the path when it cannot be read.
Result<std::string> readFile(const std::string& path);

/// Writes `data` to `path` atomically: a temporary file in the same directory, flushed, then
/// renamed over `path`. An existing file is never left half-written. Creates parent folders.
Status writeFileAtomic(const std::string& path, const std::string& data);

/// Removes a file or a directory tree; a missing path is not an error. Uses POSIX calls rather
/// than std::filesystem::remove_all, which the pip LibTorch's own copy of the standard library
/// breaks when it is linked in.
Status removeTree(const std::string& path);

/// Moves the directory `from` to `to`, replacing whatever `to` holds without a moment in which
/// `to` is missing: an existing `to` is swapped with `from` atomically (renameat2
/// RENAME_EXCHANGE) and the old contents, now at `from`, are removed. Where the file system
/// cannot exchange, the old `to` is renamed aside first and removed after the move.
Status replaceDirectory(const std::string& from, const std::string& to);

/// Deletes the database rows of a folder's owner together with the folder: the folder is
/// renamed aside, `deleteRows` runs, and the folder is removed only if that succeeded; on
/// failure it is renamed back, so rows and files stay consistent. An empty `dir` only runs
/// `deleteRows`.
Status removeTreeWith(const std::string& dir, const std::function<Status()>& deleteRows);

/// The application's data directory: $PIRL_DATA_DIR, else $XDG_DATA_HOME/pirl-studio, else
/// ~/.local/share/pirl-studio. Created when missing.
Result<std::string> dataDirectory();

}  // namespace pirl

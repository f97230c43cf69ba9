#include "core/common/file_util.h"

#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace pirl {

namespace fs = std::filesystem;

Result<std::string> readFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Error{"cannot read '" + path + "'"};
  std::ostringstream s;
  s << f.rdbuf();
  if (f.bad()) return Error{"reading '" + path + "' failed"};
  return s.str();
}

Status writeFileAtomic(const std::string& path, const std::string& data) {
  std::error_code ec;
  const fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return Error{"cannot write '" + tmp + "'"};
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
    f.flush();
    if (!f) {
      fs::remove(tmp, ec);
      return Error{"writing '" + path + "' failed (disk full?)"};
    }
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Error{"cannot move the new file into place at '" + path + "'"};
  }
  return {};
}

namespace {

int removeEntry(const char* path, const struct stat*, int, struct FTW*) { return ::remove(path); }

}  // namespace

Status removeTree(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return {};
  // depth-first, without following symbolic links
  if (::nftw(path.c_str(), removeEntry, 16, FTW_DEPTH | FTW_PHYS) != 0) {
    return Error{"cannot remove '" + path + "'"};
  }
  return {};
}

Status replaceDirectory(const std::string& from, const std::string& to) {
  auto failed = [&](const char* what) {
    return Error{std::string("cannot move '") + from + "' into place at '" + to + "' (" + what +
                 "): " + std::strerror(errno)};
  };
  struct stat st {};
  if (::lstat(to.c_str(), &st) != 0) {
    if (::rename(from.c_str(), to.c_str()) != 0) return failed("rename");
    return {};
  }
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_EXCHANGE) == 0) {
    return removeTree(from);  // `from` now holds the old contents
  }
  if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) return failed("exchange");
  const std::string aside = to + ".old";
  (void)removeTree(aside);
  if (::rename(to.c_str(), aside.c_str()) != 0) return failed("set the old one aside");
  if (::rename(from.c_str(), to.c_str()) != 0) {
    const Error e = failed("rename");
    ::rename(aside.c_str(), to.c_str());
    return e;
  }
  return removeTree(aside);
}

Status removeTreeWith(const std::string& dir, const std::function<Status()>& deleteRows) {
  const std::string aside = dir + ".deleting";
  const bool moved = !dir.empty() && std::rename(dir.c_str(), aside.c_str()) == 0;
  if (Status s = deleteRows(); !s) {
    if (moved) std::rename(aside.c_str(), dir.c_str());
    return s;
  }
  // the rows are gone: a folder that cannot be removed now is left aside, not reported
  if (moved) removeTree(aside);
  return {};
}

Result<std::string> dataDirectory() {
  fs::path dir;
  if (const char* env = std::getenv("PIRL_DATA_DIR"); env && *env) {
    dir = env;
  } else if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    dir = fs::path(xdg) / "pirl-studio";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = fs::path(home) / ".local" / "share" / "pirl-studio";
  } else {
    return Error{"cannot find a data directory: set PIRL_DATA_DIR or HOME"};
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error{"cannot create the data directory '" + dir.string() + "': " + ec.message()};
  return dir.string();
}

}  // namespace pirl

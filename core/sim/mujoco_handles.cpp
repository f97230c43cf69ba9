#include "core/sim/mujoco_handles.h"

#include <cstring>
#include <filesystem>
#include <mutex>

namespace pirl::sim {

namespace {

struct VfsDeleter {
  void operator()(mjVFS* vfs) const {
    mj_deleteVFS(vfs);
    delete vfs;
  }
};

const char* warningName(int i) {
  switch (i) {
    case mjWARN_INERTIA:
      return "inertia";
    case mjWARN_CONTACTFULL:
      return "contact buffer full";
    case mjWARN_CNSTRFULL:
      return "constraint buffer full";
    case mjWARN_VGEOMFULL:
      return "visual geom buffer full";
    case mjWARN_BADQPOS:
      return "bad qpos (simulation unstable)";
    case mjWARN_BADQVEL:
      return "bad qvel (simulation unstable)";
    case mjWARN_BADQACC:
      return "bad qacc (simulation unstable)";
    case mjWARN_BADCTRL:
      return "bad ctrl";
    default:
      return "other";
  }
}

// MuJoCo would print runtime warnings and write MUJOCO_LOG.TXT into the working directory;
// the project reads the warning counters in mjData instead
void quietWarning(const char*) {}

void installQuietHandlers() {
  static std::once_flag once;
  std::call_once(once, [] { mju_user_warning = quietWarning; });
}

}  // namespace

Result<LoadedModel> loadModelFromXml(std::string_view xml, const std::string& name) {
  installQuietHandlers();
  if (xml.empty()) return Error{"MJCF '" + name + "' is empty"};
  // the XML goes through MuJoCo's virtual file system so nothing touches the disk
  std::unique_ptr<mjVFS, VfsDeleter> vfs(new mjVFS);
  mj_defaultVFS(vfs.get());
  const std::string fileName = "pirl_model.xml";
  if (mj_makeEmptyFileVFS(vfs.get(), fileName.c_str(), static_cast<int>(xml.size())) != 0) {
    return Error{"cannot allocate MuJoCo virtual file for '" + name + "'"};
  }
  const int index = mj_findFileVFS(vfs.get(), fileName.c_str());
  std::memcpy(vfs->filedata[index], xml.data(), xml.size());
  char error[1024] = "";
  mjModel* model = mj_loadXML(fileName.c_str(), vfs.get(), error, sizeof(error));
  if (model == nullptr) {
    return Error{"malformed MJCF '" + name + "': " + std::string(error)};
  }
  LoadedModel loaded;
  loaded.model = std::shared_ptr<const mjModel>(model, ModelDeleter{});
  loaded.warning = error;
  return loaded;
}

Result<LoadedModel> loadModelFromFile(const std::string& path) {
  installQuietHandlers();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Error{"MJCF file '" + path + "' does not exist or is not a file"};
  }
  char error[1024] = "";
  mjModel* model = mj_loadXML(path.c_str(), nullptr, error, sizeof(error));
  if (model == nullptr) return Error{"malformed MJCF '" + path + "': " + std::string(error)};
  LoadedModel loaded;
  loaded.model = std::shared_ptr<const mjModel>(model, ModelDeleter{});
  loaded.warning = error;
  return loaded;
}

DataPtr makeData(const mjModel* model) { return DataPtr(mj_makeData(model)); }

int runtimeWarningCount(const mjData* data) {
  int total = 0;
  for (int i = 0; i < mjNWARNING; ++i) total += data->warning[i].number;
  return total;
}

std::string runtimeWarningText(const mjData* data) {
  std::string text;
  for (int i = 0; i < mjNWARNING; ++i) {
    if (data->warning[i].number == 0) continue;
    if (!text.empty()) text += "; ";
    text += std::string(warningName(i)) + " x" + std::to_string(data->warning[i].number);
  }
  return text;
}

}  // namespace pirl::sim

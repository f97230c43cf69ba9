#include "core/rl/checkpoint.h"

#include <nlohmann/json.hpp>

#include "core/common/file_util.h"
#include "core/common/sha256.h"

namespace pirl::rl {

std::string checkpointDirName(std::int64_t step) { return "step_" + std::to_string(step); }

Result<CheckpointManifest> readCheckpointManifest(const std::string& dir) {
  auto text = readFile(dir + "/manifest.json");
  if (!text) return Error{"checkpoint '" + dir + "' has no readable manifest.json"};
  CheckpointManifest m;
  try {
    const auto j = nlohmann::json::parse(text.value());
    if (j.value("format", "") != "pirl-checkpoint") {
      return Error{"'" + dir + "' is not a PiRL checkpoint (wrong manifest format)"};
    }
    m.step = j.at("step").get<std::int64_t>();
    m.sha256 = j.at("sha256").get<std::string>();
    m.sizeBytes = j.at("size_bytes").get<std::int64_t>();
    m.configYaml = j.at("config").get<std::string>();
    m.created = j.value("created", "");
    m.device = j.value("device", "");
    m.obsDim = j.at("obs_dim").get<int>();
    m.actionDim = j.at("action_dim").get<int>();
    const auto& n = j.at("normalizer");
    m.normalizer.obsMean = n.at("obs_mean").get<std::vector<float>>();
    m.normalizer.obsStd = n.at("obs_std").get<std::vector<float>>();
    m.normalizer.actionMean = n.at("action_mean").get<std::vector<float>>();
    m.normalizer.actionStd = n.at("action_std").get<std::vector<float>>();
    m.versions = j.value("versions", nlohmann::json::object()).dump();
    m.trainer = j.value("trainer", nlohmann::json::object()).dump();
  } catch (const nlohmann::json::exception& e) {
    return Error{"checkpoint '" + dir + "' has a malformed manifest.json: " + e.what()};
  }
  if (static_cast<int>(m.normalizer.obsMean.size()) != m.obsDim ||
      static_cast<int>(m.normalizer.actionMean.size()) != m.actionDim) {
    return Error{"checkpoint '" + dir + "' has normaliser sizes that do not match its dimensions"};
  }
  return m;
}

Result<CheckpointManifest> verifyCheckpoint(const std::string& dir) {
  auto manifest = readCheckpointManifest(dir);
  if (!manifest) return manifest.error();
  auto model = readFile(dir + "/model.pt");
  if (!model) return Error{"checkpoint '" + dir + "' has no readable model.pt"};
  if (static_cast<std::int64_t>(model->size()) != manifest->sizeBytes ||
      sha256Hex(model.value()) != manifest->sha256) {
    return Error{"checkpoint '" + dir +
                 "' is corrupt or truncated: model.pt does not match its recorded SHA-256"};
  }
  return manifest;
}

}  // namespace pirl::rl

#include "core/rl/checkpoint_io.h"

#include <mujoco/mujoco.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/common/clock.h"
#include "core/common/file_util.h"
#include "core/common/sha256.h"
#include "core/rl/train_config.h"

namespace pirl::rl {

namespace fs = std::filesystem;

std::string versionsJson() {
  return nlohmann::json{
      {"pirl", PIRL_VERSION},
      {"torch", std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) +
                    "." + std::to_string(TORCH_VERSION_PATCH)},
      {"mujoco", mj_versionString()}}
      .dump();
}

Result<std::string> resolveDeviceName(const std::string& name) {
  auto device = policy::selectDevice(name);
  if (!device) return device.error();
  return device->str() == "cuda" ? std::string("cuda:0") : device->str();
}

Status saveCheckpoint(const std::string& dir, std::int64_t step, policy::PolicyBundle& bundle,
                      torch::optim::Optimizer* optimizer, const std::string& configYaml,
                      const std::string& trainerJson) {
  const std::string partial = dir + ".partial";
  std::error_code ec;
  (void)removeTree(partial);
  fs::create_directories(partial, ec);
  if (ec) return Error{"cannot create checkpoint directory '" + partial + "': " + ec.message()};
  std::ostringstream bytes;
  try {
    torch::serialize::OutputArchive root;
    torch::serialize::OutputArchive model;
    bundle.net->save(model);
    root.write("model", model);
    if (optimizer != nullptr) {
      torch::serialize::OutputArchive opt;
      optimizer->save(opt);
      root.write("optimizer", opt);
    }
    root.save_to(bytes);
  } catch (const c10::Error& e) {
    return Error{"cannot serialise checkpoint: " + std::string(e.what_without_backtrace())};
  }
  const std::string data = bytes.str();
  if (auto s = writeFileAtomic(partial + "/model.pt", data); !s) return s;
  const auto& n = bundle.normalizer;
  const nlohmann::json manifest = {{"format", "pirl-checkpoint"},
                                   {"version", 1},
                                   {"step", step},
                                   {"sha256", sha256Hex(data)},
                                   {"size_bytes", data.size()},
                                   {"has_optimizer", optimizer != nullptr},
                                   {"config", configYaml},
                                   {"created", utcTimestamp()},
                                   {"device", bundle.device.str()},
                                   {"obs_dim", bundle.obsDim},
                                   {"action_dim", bundle.actionDim},
                                   {"vocabulary", bundle.tokenizer.vocabulary()},
                                   {"normalizer",
                                    {{"obs_mean", n.obsMean},
                                     {"obs_std", n.obsStd},
                                     {"action_mean", n.actionMean},
                                     {"action_std", n.actionStd}}},
                                   {"versions", nlohmann::json::parse(versionsJson())},
                                   {"trainer", nlohmann::json::parse(trainerJson)}};
  if (auto s = writeFileAtomic(partial + "/manifest.json", manifest.dump(2)); !s) return s;
  // an existing checkpoint of this step (or `latest`) stays readable until the new one replaces it
  return replaceDirectory(partial, dir);
}

Result<LoadedCheckpoint> loadCheckpoint(const std::string& dir, torch::Device device) {
  auto manifest = verifyCheckpoint(dir);
  if (!manifest) return manifest.error();
  auto config = parseTrainConfig(manifest->configYaml, dir + "/manifest.json");
  if (!config) return Error{"checkpoint '" + dir + "': " + config.error().message};
  LoadedCheckpoint out;
  out.manifest = manifest.value();
  out.bundle = std::make_unique<policy::PolicyBundle>(
      config->policy, manifest->obsDim, manifest->actionDim, manifest->normalizer, device);
  try {
    auto root = std::make_shared<torch::serialize::InputArchive>();
    root->load_from(dir + "/model.pt", device);
    torch::serialize::InputArchive model;
    root->read("model", model);
    out.bundle->net->load(model);
    auto opt = std::make_shared<torch::serialize::InputArchive>();
    out.hasOptimizer = root->try_read("optimizer", *opt);
    out.optimizerState = opt;
  } catch (const c10::Error& e) {
    return Error{"checkpoint '" + dir +
                 "' cannot be loaded: " + std::string(e.what_without_backtrace())};
  }
  return out;
}

}  // namespace pirl::rl

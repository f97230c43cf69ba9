#include "core/sim/demo_dataset.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace pirl::sim {

namespace {

constexpr char kMagic[8] = {'P', 'I', 'R', 'L', 'D', 'E', 'M', 'O'};
constexpr std::uint32_t kVersion = 1;

// FNV-1a 64-bit over the file's bytes before the trailer
std::uint64_t fnv1a(const char* data, std::size_t n) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 0x100000001b3ULL;
  }
  return h;
}

template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

void putFloats(std::string& out, const std::vector<float>& v) {
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float));
}

}  // namespace

Status saveDemos(const DemoDataset& dataset, const std::string& path) {
  nlohmann::json header;
  header["format"] = "pirl-demos";
  header["obs_dim"] = dataset.obsDim;
  header["action_dim"] = dataset.actionDim;
  header["control_hz"] = dataset.controlHz;
  auto& episodes = header["episodes"] = nlohmann::json::array();
  for (const auto& e : dataset.episodes) {
    const auto len = static_cast<std::size_t>(e.length());
    if (e.observations.size() != len * dataset.obsDim ||
        e.actions.size() != len * dataset.actionDim) {
      return Error{"demonstration episode of task '" + e.task + "' has inconsistent array sizes"};
    }
    episodes.push_back({{"task", e.task},
                        {"instruction", e.instruction},
                        {"seed", e.seed},
                        {"success", e.success},
                        {"length", e.length()}});
  }
  const std::string headerText = header.dump();
  std::string out(kMagic, sizeof(kMagic));
  put<std::uint32_t>(out, kVersion);
  put<std::uint64_t>(out, headerText.size());
  out += headerText;
  for (const auto& e : dataset.episodes) {
    putFloats(out, e.observations);
    putFloats(out, e.actions);
    putFloats(out, e.rewards);
  }
  put<std::uint64_t>(out, fnv1a(out.data(), out.size()));

  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return Error{"cannot write demonstrations to '" + tmp + "'"};
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    f.flush();
    if (!f) return Error{"writing demonstrations to '" + tmp + "' failed (disk full?)"};
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Error{"cannot move '" + tmp + "' to '" + path + "': " + ec.message()};
  return {};
}

Result<DemoDataset> loadDemos(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Error{"cannot open demonstration file '" + path + "'"};
  std::stringstream buffer;
  buffer << f.rdbuf();
  const std::string data = buffer.str();
  const std::string what = "demonstration file '" + path + "'";
  constexpr std::size_t kFixed = sizeof(kMagic) + sizeof(std::uint32_t) + sizeof(std::uint64_t);
  if (data.size() < kFixed + sizeof(std::uint64_t) ||
      std::memcmp(data.data(), kMagic, sizeof(kMagic)) != 0) {
    return Error{what + " is not a PiRL demonstration file"};
  }
  std::uint64_t stored = 0;
  std::memcpy(&stored, data.data() + data.size() - sizeof(stored), sizeof(stored));
  if (stored != fnv1a(data.data(), data.size() - sizeof(stored))) {
    return Error{what + " is truncated or corrupt (checksum mismatch)"};
  }
  std::uint32_t version = 0;
  std::uint64_t headerLen = 0;
  std::memcpy(&version, data.data() + sizeof(kMagic), sizeof(version));
  std::memcpy(&headerLen, data.data() + sizeof(kMagic) + sizeof(version), sizeof(headerLen));
  if (version != kVersion) {
    return Error{what + " has format version " + std::to_string(version) + "; this build reads " +
                 std::to_string(kVersion)};
  }
  const std::size_t payloadEnd = data.size() - sizeof(std::uint64_t);
  if (headerLen > payloadEnd - kFixed) return Error{what + " has a corrupt header length"};
  DemoDataset ds;
  std::size_t pos = kFixed + headerLen;
  try {
    const auto header = nlohmann::json::parse(data.substr(kFixed, headerLen));
    ds.obsDim = header.at("obs_dim").get<int>();
    ds.actionDim = header.at("action_dim").get<int>();
    ds.controlHz = header.value("control_hz", 10.0);
    if (ds.obsDim <= 0 || ds.actionDim <= 0) return Error{what + " has invalid dimensions"};
    for (const auto& h : header.at("episodes")) {
      DemoEpisode e;
      e.task = h.at("task").get<std::string>();
      e.instruction = h.at("instruction").get<std::string>();
      e.seed = h.at("seed").get<std::uint64_t>();
      e.success = h.at("success").get<bool>();
      const auto len = h.at("length").get<std::size_t>();
      const std::size_t floats = len * (ds.obsDim + ds.actionDim + 1);
      if (floats * sizeof(float) > payloadEnd - pos) return Error{what + " is truncated"};
      auto take = [&](std::vector<float>& v, std::size_t n) {
        v.resize(n);
        std::memcpy(v.data(), data.data() + pos, n * sizeof(float));
        pos += n * sizeof(float);
      };
      take(e.observations, len * ds.obsDim);
      take(e.actions, len * ds.actionDim);
      take(e.rewards, len);
      ds.episodes.push_back(std::move(e));
    }
  } catch (const nlohmann::json::exception& ex) {
    return Error{what + " has a malformed header: " + ex.what()};
  }
  if (pos != payloadEnd) return Error{what + " has trailing data after its episodes"};
  return ds;
}

}  // namespace pirl::sim

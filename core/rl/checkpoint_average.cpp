#include "core/rl/checkpoint_average.h"

#include "core/rl/checkpoint_io.h"

namespace pirl::rl {

namespace {

bool sameNormalizer(const policy::Normalizer& a, const policy::Normalizer& b) {
  return a.obsMean == b.obsMean && a.obsStd == b.obsStd && a.actionMean == b.actionMean &&
         a.actionStd == b.actionStd;
}

}  // namespace

Result<AveragedCheckpoint> averageCheckpoints(const std::vector<std::string>& dirs,
                                              const std::string& outDir, std::int64_t step) {
  if (dirs.size() < 2) return Error{"averaging needs at least two checkpoints"};
  torch::NoGradGuard noGrad;
  auto first = loadCheckpoint(dirs.front(), torch::kCPU);
  if (!first) return first.error();
  auto& sum = *first->bundle;
  auto sumTensors = sum.net->named_parameters();
  for (const auto& b : sum.net->named_buffers()) sumTensors.insert(b.key(), b.value());
  std::string configYaml = first->manifest.configYaml;
  std::string trainer = first->manifest.trainer;
  for (std::size_t i = 1; i < dirs.size(); ++i) {
    auto next = loadCheckpoint(dirs[i], torch::kCPU);
    if (!next) return next.error();
    const auto& other = *next->bundle;
    if (other.obsDim != sum.obsDim || other.actionDim != sum.actionDim ||
        !sameNormalizer(other.normalizer, sum.normalizer)) {
      return Error{"checkpoint '" + dirs[i] + "' has other observation or action sizes or " +
                   "another normaliser than '" + dirs.front() + "'"};
    }
    auto tensors = other.net->named_parameters();
    for (const auto& b : other.net->named_buffers()) tensors.insert(b.key(), b.value());
    if (tensors.size() != sumTensors.size()) {
      return Error{"checkpoint '" + dirs[i] + "' has another architecture than '" + dirs.front() +
                   "'"};
    }
    for (auto& t : sumTensors) {
      const torch::Tensor* o = tensors.find(t.key());
      if (o == nullptr || !o->sizes().equals(t.value().sizes())) {
        return Error{"checkpoint '" + dirs[i] + "' has another architecture than '" + dirs.front() +
                     "' (tensor " + t.key() + ")"};
      }
      if (t.value().is_floating_point()) t.value().add_(*o);
    }
    configYaml = next->manifest.configYaml;
    trainer = next->manifest.trainer;
  }
  int count = 0;
  for (auto& t : sumTensors) {
    if (!t.value().is_floating_point()) continue;
    t.value().div_(static_cast<double>(dirs.size()));
    ++count;
  }
  if (auto s = saveCheckpoint(outDir, step, sum, nullptr, configYaml, trainer); !s) {
    return s.error();
  }
  return AveragedCheckpoint{outDir, count};
}

}  // namespace pirl::rl

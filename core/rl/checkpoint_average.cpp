#include "core/rl/checkpoint_average.h"

#include "core/rl/checkpoint_io.h"

namespace pirl::rl {

namespace {

bool sameNormalizer(const policy::Normalizer& a, const policy::Normalizer& b) {
  return a.obsMean == b.obsMean && a.obsStd == b.obsStd && a.actionMean == b.actionMean &&
         a.actionStd == b.actionStd;
}

// the network's parameters and buffers by name (views: changing them changes the network)
torch::OrderedDict<std::string, torch::Tensor> weights(const policy::FlowPolicy& net) {
  auto out = net->named_parameters();
  for (const auto& b : net->named_buffers()) out.insert(b.key(), b.value());
  return out;
}

}  // namespace

Status averageCheckpoints(const std::vector<std::string>& dirs, const std::string& outDir,
                          std::int64_t step) {
  if (dirs.size() < 2) return Error{"averaging needs at least two checkpoints"};
  torch::NoGradGuard noGrad;
  auto first = loadCheckpoint(dirs.front(), torch::kCPU);
  if (!first) return first.error();
  auto& sum = *first->bundle;
  auto sumTensors = weights(sum.net);
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
    const auto tensors = weights(other.net);
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
  for (auto& t : sumTensors) {
    if (t.value().is_floating_point()) t.value().div_(static_cast<double>(dirs.size()));
  }
  return saveCheckpoint(outDir, step, sum, nullptr, configYaml, trainer);
}

}  // namespace pirl::rl

#include "core/policy/policy_bundle.h"

namespace pirl::policy {

Result<torch::Device> selectDevice(const std::string& name) {
  const bool cuda = torch::cuda::is_available();
  if (name == "cpu") return torch::Device(torch::kCPU);
  if (name == "cuda") {
    if (!cuda) return Error{"device 'cuda' requested but LibTorch sees no CUDA GPU"};
    return torch::Device(torch::kCUDA);
  }
  if (name == "auto") return torch::Device(cuda ? torch::kCUDA : torch::kCPU);
  return Error{"unknown device '" + name + "'; use auto, cpu or cuda"};
}

std::unique_lock<std::recursive_mutex> lockGlobalTorchRng() {
  static std::recursive_mutex mutex;
  return std::unique_lock(mutex);
}

namespace {

torch::Tensor vec(const std::vector<float>& v, torch::Device device) {
  return torch::tensor(v, torch::kFloat).to(device);
}

}  // namespace

PolicyBundle::PolicyBundle(const PolicyOptions& opts, int obs, int act, Normalizer norm,
                           torch::Device dev)
    : normalizer(std::move(norm)),
      tokenizer(Tokenizer::forSuite()),
      device(dev),
      options(opts),
      obsDim(obs),
      actionDim(act) {
  {
    auto lock = lockGlobalTorchRng();
    net = FlowPolicy(options, obsDim, actionDim, tokenizer.vocabularySize());
  }
  net->to(device);
  m_obsMean = vec(normalizer.obsMean, device);
  m_obsStd = vec(normalizer.obsStd, device);
  m_actMean = vec(normalizer.actionMean, device);
  m_actStd = vec(normalizer.actionStd, device);
}

torch::Tensor PolicyBundle::observations(const float* obs, int64_t rows) const {
  auto t = torch::from_blob(const_cast<float*>(obs), {rows, obsDim}, torch::kFloat).to(device);
  return (t - m_obsMean) / m_obsStd;
}

torch::Tensor PolicyBundle::actions(const float* a, int64_t rows) const {
  auto t = torch::from_blob(const_cast<float*>(a), {rows, actionDim}, torch::kFloat).to(device);
  return (t - m_actMean) / m_actStd;
}

torch::Tensor PolicyBundle::tokens(const std::vector<std::string>& instructions) const {
  std::vector<int64_t> ids;
  for (const auto& text : instructions) {
    const auto row = tokenizer.encode(text, options.maxTokens);
    ids.insert(ids.end(), row.begin(), row.end());
  }
  return torch::tensor(ids, torch::kLong)
      .reshape({static_cast<int64_t>(instructions.size()), options.maxTokens})
      .to(device);
}

std::vector<float> PolicyBundle::environmentActions(const torch::Tensor& chunk, bool clip) const {
  auto a = chunk * m_actStd + m_actMean;
  if (clip) a = a.clamp(-1.0, 1.0);
  a = a.to(torch::kCPU).contiguous();
  return std::vector<float>(a.data_ptr<float>(), a.data_ptr<float>() + a.numel());
}

}  // namespace pirl::policy

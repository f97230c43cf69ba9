#include "core/policy/flow_policy.h"

#include <cmath>

namespace pirl::policy {

namespace nn = torch::nn;

torch::Tensor timeEmbedding(const torch::Tensor& t, int dim) {
  // openpi-style: periods from 4e-3 to 4 on a log scale, sin and cos of 2 pi t / period
  const int half = dim / 2;
  auto fraction = torch::arange(half, t.options().dtype(torch::kFloat)) / std::max(half - 1, 1);
  auto period = 4e-3 * torch::pow(torch::full_like(fraction, 1000.0), fraction);
  auto args = t.to(torch::kFloat).unsqueeze(1) / period.unsqueeze(0) * (2.0 * M_PI);
  return torch::cat({torch::sin(args), torch::cos(args)}, 1);
}

namespace {

nn::Sequential mlp(int in, int width, int hidden, int out) {
  nn::Sequential s;
  int size = in;
  for (int i = 0; i < hidden; ++i) {
    s->push_back(nn::Linear(size, width));
    s->push_back(nn::SiLU());
    size = width;
  }
  s->push_back(nn::Linear(size, out));
  return s;
}

}  // namespace

FlowPolicyImpl::FlowPolicyImpl(const PolicyOptions& options, int obsDim, int actionDim,
                               int vocabSize)
    : m_options(options), m_obsDim(obsDim), m_actionDim(actionDim), m_vocabSize(vocabSize) {
  const int w = options.width;
  const int h = options.chunk;
  m_stateEncoder = register_module("state_encoder", mlp(obsDim, w, 1, w));
  m_tokenEmbedding = register_module("token_embedding", nn::Embedding(vocabSize, options.tokenDim));
  m_fuse = register_module("fuse", mlp(w + options.tokenDim, w, 1, w));
  if (options.expert == "transformer") {
    m_tokenIn = register_module("token_in", nn::Linear(actionDim, w));
    m_condIn = register_module("cond_in", nn::Linear(w + options.timeDim, w));
    m_positions = register_parameter("positions", torch::randn({h + 1, 1, w}) * 0.02);
    nn::TransformerEncoderLayerOptions layer(w, options.heads);
    layer.dim_feedforward(2 * w).dropout(0.0);
    m_transformer = register_module(
        "transformer",
        nn::TransformerEncoder(nn::TransformerEncoderOptions(layer, options.layers)));
    m_tokenOut = register_module("token_out", nn::Linear(w, actionDim));
  } else {
    nn::Sequential body;
    int size = h * actionDim + options.timeDim + w;
    for (int i = 0; i < options.depth; ++i) {
      body->push_back(nn::Linear(size, w));
      body->push_back(nn::SiLU());
      size = w;
    }
    m_expertMlp = register_module("expert_mlp", body);
    m_expertOut = register_module("expert_out", nn::Linear(w, h * actionDim));
  }
  m_valueHead = register_module("value_head", mlp(w, w, 2, 1));
  m_noiseHead = register_module("noise_head", mlp(w, w, 1, h * actionDim));
}

void FlowPolicyImpl::setSamplingOptions(const PolicyOptions& o) {
  m_options.denoiseSteps = o.denoiseSteps;
  m_options.noiseLevel = o.noiseLevel;
  m_options.noiseStdRange = o.noiseStdRange;
  m_options.noiseFirstScale = o.noiseFirstScale;
  m_options.ignoreLast = o.ignoreLast;
  m_options.critic = o.critic;
  m_options.actionChunk = o.actionChunk;
}

torch::Tensor FlowPolicyImpl::encode(const torch::Tensor& obs, const torch::Tensor& tokens) {
  auto state = m_stateEncoder->forward(obs);
  // mean of the instruction's token embeddings, padding excluded
  auto mask = (tokens != 0).to(torch::kFloat).unsqueeze(2);
  auto emb = m_tokenEmbedding->forward(tokens) * mask;
  auto words = emb.sum(1) / mask.sum(1).clamp_min(1.0);
  return m_fuse->forward(torch::cat({torch::silu(state), words}, 1));
}

ExpertOutput FlowPolicyImpl::expert(const torch::Tensor& x, const torch::Tensor& t,
                                    const torch::Tensor& e) {
  const auto b = x.size(0);
  const int h = m_options.chunk;
  auto temb = timeEmbedding(t, m_options.timeDim);
  if (m_options.expert == "transformer") {
    // sequence [H + 1, B, W]: a conditioning token, then one token per chunk step
    auto cond = m_condIn->forward(torch::cat({e, temb}, 1)).unsqueeze(0);
    auto steps = m_tokenIn->forward(x).transpose(0, 1);
    auto seq = torch::cat({cond, steps}, 0) + m_positions;
    auto out = m_transformer->forward(seq);
    auto chunkTokens = out.slice(0, 1, h + 1);
    auto velocity = m_tokenOut->forward(chunkTokens).transpose(0, 1);
    return {velocity, chunkTokens.mean(0)};
  }
  auto input = torch::cat({x.reshape({b, -1}), temb, e}, 1);
  auto features = m_expertMlp->forward(input);
  auto velocity = m_expertOut->forward(features).reshape({b, h, m_actionDim});
  return {velocity, features};
}

torch::Tensor FlowPolicyImpl::valueFromEncoding(const torch::Tensor& e) {
  return m_valueHead->forward(e.detach()).squeeze(1);
}

torch::Tensor FlowPolicyImpl::valueFromFeatures(const torch::Tensor& meanFeatures) {
  return m_valueHead->forward(meanFeatures.detach()).squeeze(1);
}

torch::Tensor FlowPolicyImpl::noiseStd(const torch::Tensor& features, int step) {
  const double logVarMin = 2.0 * std::log(m_options.noiseStdRange[0]);
  const double logVarMax = 2.0 * std::log(m_options.noiseStdRange[1]);
  auto raw =
      m_noiseHead->forward(features).reshape({features.size(0), m_options.chunk, m_actionDim});
  auto logVar = logVarMin + (torch::tanh(raw) + 1.0) * 0.5 * (logVarMax - logVarMin);
  auto std = torch::exp(0.5 * logVar);
  return (step == 0 && m_options.noiseFirstScale != 1.0) ? std * m_options.noiseFirstScale : std;
}

}  // namespace pirl::policy

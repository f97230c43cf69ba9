#include "core/rl/policy_export.h"

#include <torch/script.h>
#include <torch/serialize.h>
#include <torch/torch.h>

#include <sys/stat.h>
#include <algorithm>
#include <map>
#include <sstream>

#include "core/common/file_util.h"
#include "core/common/rng.h"
#include "core/policy/policy_bundle.h"
#include "core/policy/sampler.h"
#include "core/rl/checkpoint_io.h"
#include "core/rl/inspect.h"
#include "core/sim/env.h"

namespace pirl::rl {

namespace {

// parameter names of the module: dots are not allowed in TorchScript attribute names
std::string scriptName(const std::string& name) {
  std::string out;
  for (char c : name) out += c == '.' ? std::string("__") : std::string(1, c);
  return out;
}

// linear layers of a Sequential built as Linear (SiLU Linear)*, by index
std::vector<std::string> linearLayers(const torch::nn::Module& net, const std::string& prefix) {
  std::map<int, std::string> layers;
  for (const auto& p : net.named_parameters()) {
    const std::string& key = p.key();
    if (key.rfind(prefix + ".", 0) != 0 || key.size() < 7 ||
        key.compare(key.size() - 7, 7, ".weight") != 0) {
      continue;
    }
    const std::string index = key.substr(prefix.size() + 1, key.size() - prefix.size() - 8);
    layers[std::stoi(index)] = scriptName(key.substr(0, key.size() - 7));
  }
  std::vector<std::string> out;
  for (const auto& [i, name] : layers) out.push_back(name);
  return out;
}

// TorchScript: h through the given linear layers with SiLU between them (and after the last
// one when `siluAfterLast`)
std::string mlpCode(const std::vector<std::string>& layers, const std::string& var,
                    bool siluAfterLast) {
  std::ostringstream s;
  for (size_t i = 0; i < layers.size(); ++i) {
    s << "        " << var << " = torch.linear(" << var << ", self." << layers[i]
      << "__weight, self." << layers[i] << "__bias)\n";
    if (i + 1 < layers.size() || siluAfterLast)
      s << "        " << var << " = torch.silu(" << var << ")\n";
  }
  return s.str();
}

// (the C++ TorchScript compiler knows aten builtins but not torch.float32: dtype 6 is float32)
std::string moduleSource(const torch::nn::Module& net, const policy::PolicyOptions& o, int heads,
                         int layers) {
  std::ostringstream s;
  s << "def time_embedding(self, t: Tensor) -> Tensor:\n"
       "        half = self.time_dim // 2\n"
       "        fraction = torch.arange(half, dtype=6) / float(max(half - 1, 1))\n"
       "        period = 0.004 * torch.pow(torch.full_like(fraction, 1000.0), fraction)\n"
       "        args = t.to(6).unsqueeze(1) / period.unsqueeze(0) * "
       "6.283185307179586\n"
       "        return torch.cat([torch.sin(args), torch.cos(args)], 1)\n\n";
  s << "def encode(self, observation: Tensor, tokens: Tensor) -> Tensor:\n"
       "        h = (observation.to(6) - self.obs_mean) / self.obs_std\n"
    << mlpCode(linearLayers(net, "state_encoder"), "h", false)
    << "        mask = (tokens != 0).to(6).unsqueeze(2)\n"
       "        emb = torch.embedding(self.token_embedding__weight, tokens) * mask\n"
       "        words = emb.sum(1) / mask.sum(1).clamp_min(1.0)\n"
       "        f = torch.cat([torch.silu(h), words], 1)\n"
    << mlpCode(linearLayers(net, "fuse"), "f", false) << "        return f\n\n";
  s << "def expert_velocity(self, x: Tensor, t: Tensor, e: Tensor) -> Tensor:\n"
       "        b = x.size(0)\n"
       "        temb = self.time_embedding(t)\n";
  if (o.expert == "transformer") {
    // nn::TransformerEncoderLayer (post-norm, ReLU, no dropout) written out
    const int w = o.width;
    s << "        cond = torch.linear(torch.cat([e, temb], 1), self.cond_in__weight, "
         "self.cond_in__bias).unsqueeze(0)\n"
         "        steps = torch.linear(x, self.token_in__weight, self.token_in__bias)"
         ".transpose(0, 1)\n"
         "        src = torch.cat([cond, steps], 0) + self.positions\n"
         "        s = src.size(0)\n"
         "        hd = "
      << w / heads << "\n";
    for (int l = 0; l < layers; ++l) {
      const std::string p = "self.transformer__layers__" + std::to_string(l) + "__";
      s << "        qkv = torch.linear(src, " << p << "self_attn__in_proj_weight, " << p
        << "self_attn__in_proj_bias)\n"
           "        q, k, v = qkv.chunk(3, -1)\n"
           "        q = q.reshape(s, b * "
        << heads << ", hd).transpose(0, 1) * " << 1.0 / std::sqrt(double(w / heads)) << "\n"
        << "        k = k.reshape(s, b * " << heads << ", hd).transpose(0, 1)\n"
        << "        v = v.reshape(s, b * " << heads << ", hd).transpose(0, 1)\n"
        << "        attn = torch.softmax(torch.bmm(q, k.transpose(1, 2)), -1)\n"
           "        a = torch.bmm(attn, v).transpose(0, 1).reshape(s, b, "
        << w << ")\n"
        << "        a = torch.linear(a, " << p << "self_attn__out_proj__weight, " << p
        << "self_attn__out_proj__bias)\n"
        << "        src = torch.layer_norm(src + a, [" << w << "], " << p << "norm1__weight, " << p
        << "norm1__bias, 1e-05)\n"
        << "        ff = torch.linear(torch.relu(torch.linear(src, " << p << "linear1__weight, "
        << p << "linear1__bias)), " << p << "linear2__weight, " << p << "linear2__bias)\n"
        << "        src = torch.layer_norm(src + ff, [" << w << "], " << p << "norm2__weight, " << p
        << "norm2__bias, 1e-05)\n";
    }
    s << "        out = src[1:]\n"
         "        return torch.linear(out, self.token_out__weight, self.token_out__bias)"
         ".transpose(0, 1)\n\n";
  } else {
    s << "        h = torch.cat([x.reshape(b, -1), temb, e], 1)\n"
      << mlpCode(linearLayers(net, "expert_mlp"), "h", true)
      << "        v = torch.linear(h, self.expert_out__weight, self.expert_out__bias)\n"
         "        return v.reshape(b, self.chunk, self.action_dim)\n\n";
  }
  s << "def velocity(self, observation: Tensor, tokens: Tensor, x: Tensor, t: Tensor) -> Tensor:\n"
       "        return self.expert_velocity(x, t, self.encode(observation, tokens))\n\n";
  s << "def sample_actions(self, observation: Tensor, tokens: Tensor, noise: Tensor, num_steps: "
       "int) -> Tensor:\n"
       "        e = self.encode(observation, tokens)\n"
       "        x = noise.to(6)\n"
       "        b = x.size(0)\n"
       "        for k in range(num_steps):\n"
       "            t = torch.full([b], 1.0 - float(k) / float(num_steps), dtype=6)\n"
       "            x = x - (1.0 / float(num_steps)) * self.expert_velocity(x, t, e)\n"
       "        return torch.clamp(x * self.act_std + self.act_mean, -1.0, 1.0)\n";
  return s.str();
}

std::string readmeText(const policy::PolicyBundle& b, const std::string& checkpointDir) {
  std::ostringstream s;
  s << "# PiRL Studio policy export\n\n"
    << "Exported from `" << checkpointDir << "` by `pirl export`. Load it with\n"
    << "`torch.jit.load(\"policy.pt\")` (PyTorch ≥ 1.13) or `torch::jit::load` in C++.\n\n"
    << "## Methods\n\n"
    << "- `sample_actions(observation, tokens, noise, num_steps) -> Tensor`: the deterministic\n"
    << "  Euler ODE of the flow policy from the given initial noise: for k = 0 … N−1,\n"
    << "  t_k = 1 − k/N, x ← x − (1/N)·v(x, t_k). Returns environment actions, un-normalised and\n"
    << "  clipped to [−1, 1], shape [B, " << b.options.chunk << ", " << b.actionDim << "].\n"
    << "- `velocity(observation, tokens, x, t) -> Tensor`: the velocity field v(x, t) in the\n"
    << "  normalised action space, shape [B, " << b.options.chunk << ", " << b.actionDim << "].\n\n"
    << "## Inputs\n\n"
    << "- `observation`: float32 [B, " << b.obsDim << "], raw (the module normalises it), layout\n"
    << "  of `pirl tasks --json` (`observation`).\n"
    << "- `tokens`: int64 [B, " << b.options.maxTokens << "], the instruction as word ids of the\n"
    << "  `vocabulary` attribute + 2 (0 = padding, 1 = unknown word), lower-cased words split on\n"
    << "  non-letters, padded with 0.\n"
    << "- `noise`: float32 [B, " << b.options.chunk << ", " << b.actionDim
    << "], the initial x at t = 1 (standard normal in the normalised action space).\n"
    << "- `t`: float32 [B], denoising time in [0, 1] (1 = noise).\n"
    << "- `num_steps`: denoising steps N (the policy was trained with " << b.options.denoiseSteps
    << ").\n\n"
    << "## Attributes\n\n"
    << "`obs_dim`, `action_dim`, `chunk`, `action_chunk` (steps executed per chunk), "
       "`denoise_steps`,\n"
    << "`max_tokens`, `vocabulary`, `config` (the full config of the run that trained it, YAML),\n"
    << "and every parameter of the network (names with `__` for `.`), so the module can be\n"
    << "imported back (see docs/file-formats.md).\n\n"
    << "## Example\n\n"
    << "`example.pt` holds `{\"inputs\": {...keyword arguments of sample_actions...},\n"
    << "\"actions\": Tensor}` written by PiRL Studio itself:\n\n"
    << "```python\n"
    << "import torch\n"
    << "policy = torch.jit.load(\"policy.pt\")\n"
    << "example = torch.load(\"example.pt\")\n"
    << "actions = policy.sample_actions(**example[\"inputs\"])\n"
    << "print((actions - example[\"actions\"]).abs().max())  # <= 1e-5\n"
    << "```\n";
  return s.str();
}

Status writeBytes(const std::string& path, const std::vector<char>& bytes) {
  return writeFileAtomic(path, std::string(bytes.begin(), bytes.end()));
}

}  // namespace

Result<ExportedPolicy> exportPolicy(const std::string& checkpointDir, const std::string& outDir,
                                    int batch, std::uint64_t seed) {
  if (batch < 1) return Error{"the example needs at least one observation"};
  auto loaded = loadCheckpoint(checkpointDir, torch::Device(torch::kCPU));
  if (!loaded) return loaded.error();
  policy::PolicyBundle& bundle = *loaded->bundle;
  const auto& o = bundle.options;
  auto& net = *bundle.net;
  net.eval();
  ::mkdir(outDir.c_str(), 0755);

  try {
    torch::jit::Module m("PirlFlowPolicy");
    for (const auto& p : net.named_parameters()) {
      m.register_parameter(scriptName(p.key()), p.value().detach().clone(), false);
    }
    auto buffer = [&](const char* name, const std::vector<float>& v) {
      m.register_buffer(name, torch::tensor(v, torch::kFloat));
    };
    buffer("obs_mean", bundle.normalizer.obsMean);
    buffer("obs_std", bundle.normalizer.obsStd);
    buffer("act_mean", bundle.normalizer.actionMean);
    buffer("act_std", bundle.normalizer.actionStd);
    auto intAttr = [&](const char* name, int v) {
      m.register_attribute(name, c10::IntType::get(), v);
    };
    intAttr("obs_dim", bundle.obsDim);
    intAttr("action_dim", bundle.actionDim);
    intAttr("chunk", o.chunk);
    intAttr("action_chunk", o.actionChunk);
    intAttr("denoise_steps", o.denoiseSteps);
    intAttr("max_tokens", o.maxTokens);
    intAttr("time_dim", o.timeDim);
    c10::List<std::string> vocabulary;
    for (const auto& w : bundle.tokenizer.vocabulary()) vocabulary.push_back(w);
    m.register_attribute("vocabulary", c10::ListType::ofStrings(), vocabulary);
    m.register_attribute("config", c10::StringType::get(), loaded->manifest.configYaml);
    m.define(moduleSource(net, o, o.heads, o.layers));

    // example inputs: evaluation-style observations of the suite's tasks
    auto suite = suiteObservations(batch, seed);
    if (!suite) return suite.error();
    std::vector<float>& obs = suite->observations;
    const std::vector<std::string>& instructions = suite->instructions;
    torch::NoGradGuard noGrad;
    const auto observation =
        torch::from_blob(obs.data(), {batch, bundle.obsDim}, torch::kFloat).clone();
    const auto tokens = bundle.tokens(instructions);
    // the app's own sampler; the chain's first element is the initial noise it drew
    at::Generator generator = at::detail::createCPUGenerator(deriveSeed(seed, 99));
    const auto e = net.encode(bundle.observations(obs.data(), batch), tokens);
    auto sample =
        policy::sampleChain(net, e, policy::SampleMode::kOde, o.denoiseSteps, -1, &generator);
    const auto noise = sample.chain.select(1, 0).contiguous();
    const auto actionsVec = bundle.environmentActions(sample.chain.select(1, o.denoiseSteps));
    const auto actions =
        torch::tensor(actionsVec, torch::kFloat).reshape({batch, o.chunk, bundle.actionDim});

    ExportedPolicy out;
    out.policyPath = outDir + "/policy.pt";
    out.examplePath = outDir + "/example.pt";
    out.readmePath = outDir + "/README.md";
    std::ostringstream saved;
    m.save(saved);
    const std::string bytes = saved.str();
    if (auto s = writeFileAtomic(out.policyPath, bytes); !s) return s.error();

    c10::impl::GenericDict inputs(c10::StringType::get(), c10::AnyType::get());
    inputs.insert("observation", observation);
    inputs.insert("tokens", tokens);
    inputs.insert("noise", noise);
    inputs.insert("num_steps", static_cast<int64_t>(o.denoiseSteps));
    c10::impl::GenericDict example(c10::StringType::get(), c10::AnyType::get());
    example.insert("inputs", inputs);
    example.insert("actions", actions);
    if (auto s = writeBytes(out.examplePath, torch::pickle_save(example)); !s) return s.error();
    if (auto s = writeFileAtomic(out.readmePath, readmeText(bundle, checkpointDir)); !s) {
      return s.error();
    }

    // load it back as a user would and compare
    auto reloaded = torch::jit::load(out.policyPath);
    auto again = reloaded
                     .get_method("sample_actions")(
                         {observation, tokens, noise, static_cast<int64_t>(o.denoiseSteps)})
                     .toTensor();
    out.maxAbsDifference = (again - actions).abs().max().item<double>();
    return out;
  } catch (const c10::Error& e) {
    return Error{std::string("exporting the policy failed: ") + e.what_without_backtrace()};
  } catch (const std::exception& e) {
    return Error{std::string("exporting the policy failed: ") + e.what()};
  }
}

}  // namespace pirl::rl

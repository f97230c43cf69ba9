#include "core/rl/policy_import.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <ATen/CPUGeneratorImpl.h>

#include <map>

#include "core/common/rng.h"
#include "core/policy/policy_bundle.h"
#include "core/rl/checkpoint_io.h"
#include "core/rl/inspect.h"
#include "core/rl/train_config.h"
#include "core/sim/env.h"

namespace pirl::rl {

namespace {

std::string dotted(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name.compare(i, 2, "__") == 0) {
      out += '.';
      ++i;
    } else {
      out += name[i];
    }
  }
  return out;
}

Result<std::vector<float>> floatBuffer(const torch::jit::Module& m, const char* name, int size) {
  if (!m.hasattr(name)) return Error{std::string("the module has no '") + name + "' buffer"};
  auto t = m.attr(name).toTensor().to(torch::kCPU).to(torch::kFloat).contiguous();
  if (t.numel() != size) {
    return Error{std::string("buffer '") + name + "' has " + std::to_string(t.numel()) +
                 " values, expected " + std::to_string(size)};
  }
  return std::vector<float>(t.data_ptr<float>(), t.data_ptr<float>() + size);
}

}  // namespace

Result<ImportedPolicy> importPolicy(const std::string& modulePath, const std::string& outDir,
                                    const std::string& configYaml) {
  try {
    torch::jit::Module m = torch::jit::load(modulePath, torch::kCPU);
    for (const char* method : {"velocity", "sample_actions"}) {
      if (!m.find_method(method)) {
        return Error{"'" + modulePath + "' has no method '" + method +
                     "' (see the interface in docs/file-formats.md)"};
      }
    }
    for (const char* attr : {"obs_dim", "action_dim", "chunk"}) {
      if (!m.hasattr(attr)) return Error{"'" + modulePath + "' has no attribute '" + attr + "'"};
    }
    const int obsDim = static_cast<int>(m.attr("obs_dim").toInt());
    const int actionDim = static_cast<int>(m.attr("action_dim").toInt());
    if (obsDim != sim::kObsDim || actionDim != sim::kActionDim) {
      return Error{"the module expects " + std::to_string(obsDim) + " observation values and " +
                   std::to_string(actionDim) + " action dimensions; the task suite has " +
                   std::to_string(sim::kObsDim) + " and " + std::to_string(sim::kActionDim)};
    }
    std::string yaml = configYaml;
    if (yaml.empty() && m.hasattr("config")) yaml = m.attr("config").toStringRef();
    auto config = parseTrainConfig(yaml, modulePath + " config");
    if (!config) return config.error();
    if (config->policy.chunk != m.attr("chunk").toInt()) {
      return Error{"the module's chunk (" + std::to_string(m.attr("chunk").toInt()) +
                   ") differs from policy.chunk of the config (" +
                   std::to_string(config->policy.chunk) + ")"};
    }
    policy::Normalizer normalizer;
    auto om = floatBuffer(m, "obs_mean", obsDim), os = floatBuffer(m, "obs_std", obsDim);
    auto am = floatBuffer(m, "act_mean", actionDim), as = floatBuffer(m, "act_std", actionDim);
    for (auto* r : {&om, &os, &am, &as}) {
      if (!*r) return r->error();
    }
    normalizer.obsMean = om.value();
    normalizer.obsStd = os.value();
    normalizer.actionMean = am.value();
    normalizer.actionStd = as.value();
    policy::PolicyBundle bundle(config->policy, obsDim, actionDim, normalizer,
                                torch::Device(torch::kCPU));

    std::map<std::string, torch::Tensor> given;
    for (const auto& p : m.named_parameters(true)) given[dotted(p.name)] = p.value;
    ImportedPolicy out;
    std::vector<std::string> missingActor;
    {
      torch::NoGradGuard noGrad;
      for (auto& p : bundle.net->named_parameters()) {
        auto it = given.find(p.key());
        if (it == given.end()) {
          const bool head =
              p.key().rfind("value_head.", 0) == 0 || p.key().rfind("noise_head.", 0) == 0;
          if (!head) missingActor.push_back(p.key());
          ++out.initialised;
          continue;
        }
        if (it->second.sizes() != p.value().sizes()) {
          return Error{"parameter '" + p.key() + "' has shape " + c10::str(it->second.sizes()) +
                       " in the module but " + c10::str(p.value().sizes()) +
                       " in the configured network"};
        }
        p.value().copy_(it->second.to(torch::kFloat));
        ++out.copied;
      }
    }
    if (!missingActor.empty()) {
      std::string list;
      for (const auto& k : missingActor) list += (list.empty() ? "" : ", ") + k;
      return Error{"the module lacks actor parameters: " + list};
    }

    // the module must compute what the imported network computes
    const int batch = 3;
    auto suite = suiteObservations(batch, 17);
    if (!suite) return suite.error();
    std::vector<float>& obs = suite->observations;
    const std::vector<std::string>& instructions = suite->instructions;
    torch::NoGradGuard noGrad;
    bundle.net->eval();
    // its own generator: the global one belongs to no run (architecture.md)
    at::Generator gen = at::detail::createCPUGenerator(3);
    const auto observation = torch::from_blob(obs.data(), {batch, obsDim}, torch::kFloat).clone();
    const auto tokens = bundle.tokens(instructions);
    const auto x = torch::randn({batch, config->policy.chunk, actionDim}, gen);
    const auto t = torch::rand({batch}, gen);
    const auto theirs = m.get_method("velocity")({observation, tokens, x, t}).toTensor();
    const auto e = bundle.net->encode(bundle.observations(obs.data(), batch), tokens);
    const auto ours = bundle.net->expert(x, t, e).velocity;
    out.maxVelocityDifference = (theirs - ours).abs().max().item<double>();
    if (!(out.maxVelocityDifference <= 1e-4)) {
      return Error{
          "the module's velocity() differs from the network built from its parameters "
          "by " +
          std::to_string(out.maxVelocityDifference) +
          ": it does not follow the documented architecture"};
    }
    rl::TrainConfig stored = config.value();
    if (auto s = saveCheckpoint(outDir, 0, bundle, nullptr, stored.toYaml()); !s) return s.error();
    out.checkpointDir = outDir;
    return out;
  } catch (const c10::Error& e) {
    return Error{"cannot import '" + modulePath + "': " + e.what_without_backtrace()};
  } catch (const std::exception& e) {
    return Error{"cannot import '" + modulePath + "': " + e.what()};
  }
}

}  // namespace pirl::rl

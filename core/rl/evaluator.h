#pragma once
// LibTorch header: include only from .cpp files of core/rl.

#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/policy/policy_bundle.h"
#include "core/rl/eval_result.h"
#include "core/rl/train_config.h"

namespace pirl::rl {

/// Evaluates a policy with deterministic ODE sampling: `eval.episodes` episodes per task on
/// fixed seeds derived from `eval.seed`, `eval.envs` environments at a time, one episode each.
Result<EvalResult> evaluatePolicy(policy::PolicyBundle& bundle,
                                  const std::vector<std::string>& tasks, const EvalOptions& eval,
                                  const sim::EnvOptions& envOptions, int threads);

}  // namespace pirl::rl

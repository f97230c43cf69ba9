#include "core/rl/evaluator.h"

#include <algorithm>
#include <chrono>

#include <ATen/CPUGeneratorImpl.h>

#include "core/common/rng.h"
#include "core/policy/sampler.h"
#include "core/rl/checkpoint_io.h"
#include "core/sim/vector_env.h"

namespace pirl::rl {

Result<EvalResult> evaluatePolicy(policy::PolicyBundle& bundle,
                                  const std::vector<std::string>& tasks, const EvalOptions& eval,
                                  const sim::EnvOptions& envOptions, int threads) {
  const auto start = std::chrono::steady_clock::now();
  const int nTasks = static_cast<int>(tasks.size());
  const int total = eval.episodes * nTasks;
  // a multiple of the task count, so every round gives each task the same number of episodes
  int envs = std::max(nTasks, std::min(eval.envs, total) / nTasks * nTasks);
  sim::VectorEnvOptions vo;
  vo.tasks = tasks;
  vo.numEnvs = envs;
  vo.threads = threads;
  vo.env = envOptions;
  vo.autoReset = false;
  auto created = sim::VectorEnv::create(vo);
  if (!created) return created.error();
  sim::VectorEnv& venv = *created.value();
  std::vector<std::string> instructions;
  for (int i = 0; i < envs; ++i) {
    instructions.push_back(venv.env(i).taskModel().task().instruction());
  }
  const torch::Tensor tokens = bundle.tokens(instructions);
  const int steps = eval.denoiseSteps > 0 ? eval.denoiseSteps : bundle.options.denoiseSteps;
  const int h = bundle.options.chunk;
  const int k = bundle.options.actionChunk;
  const int d = bundle.actionDim;

  std::vector<int> done(nTasks, 0), successes(nTasks, 0);
  std::int64_t lengthSum = 0;
  torch::NoGradGuard noGrad;
  // the initial noise of every chunk comes from the evaluation seed, not from training's
  // random stream, so an evaluation gives the same result whenever it runs
  at::Generator generator = at::detail::createCPUGenerator(deriveSeed(eval.seed, 4242));
  bundle.net->eval();
  std::vector<float> stepActions(static_cast<std::size_t>(envs) * d);
  for (int round = 0; *std::min_element(done.begin(), done.end()) < eval.episodes; ++round) {
    venv.reset(deriveSeed(eval.seed, static_cast<std::uint64_t>(round)));
    std::vector<std::uint8_t> counted(envs, 0);
    std::vector<int> lengths(envs, 0);
    while (std::any_of(venv.finished(), venv.finished() + envs, [](auto f) { return f == 0; })) {
      auto e = bundle.net->encode(bundle.observations(venv.observations(), envs), tokens);
      auto sample = policy::sampleChain(*bundle.net, e, policy::SampleMode::kOde, steps, -1,
                                        &generator, {}, eval.initNoiseScale);
      const auto chunk = bundle.environmentActions(sample.chain.select(1, steps));
      for (int s = 0; s < k; ++s) {
        for (int i = 0; i < envs; ++i) {
          std::copy_n(chunk.data() + (static_cast<std::size_t>(i) * h + s) * d, d,
                      stepActions.data() + static_cast<std::size_t>(i) * d);
          if (!venv.finished()[i]) ++lengths[i];
        }
        venv.step(stepActions.data());
        for (int i = 0; i < envs; ++i) {
          if (venv.finished()[i] && !counted[i]) {
            counted[i] = 1;
            const int task = venv.taskIndex(i);
            if (done[task] < eval.episodes) {
              ++done[task];
              successes[task] += venv.terminated()[i];
              lengthSum += lengths[i];
            }
          }
        }
      }
    }
  }
  EvalResult r;
  for (int t = 0; t < nTasks; ++t) {
    const double rate = static_cast<double>(successes[t]) / eval.episodes;
    r.successPerTask[tasks[t]] = rate;
    r.meanSuccess += rate / nTasks;
  }
  r.episodes = total;
  r.meanEpisodeLength = static_cast<double>(lengthSum) / total;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  bundle.net->train();
  return r;
}

std::vector<std::pair<std::string, double>> evalMetrics(const EvalResult& e) {
  std::vector<std::pair<std::string, double>> m = {{"eval/success_once", e.meanSuccess},
                                                   {"eval/episode_len", e.meanEpisodeLength}};
  for (const auto& [task, rate] : e.successPerTask)
    m.push_back({"eval/success_once/" + task, rate});
  return m;
}

Result<EvalResult> evaluateCheckpoint(const std::string& checkpointDir,
                                      const std::vector<std::string>& tasks,
                                      const EvalOptions& eval, const sim::EnvOptions& envOptions,
                                      int threads, const std::string& device) {
  auto dev = policy::selectDevice(device);
  if (!dev) return dev.error();
  auto loaded = loadCheckpoint(checkpointDir, dev.value());
  if (!loaded) return loaded.error();
  return evaluatePolicy(*loaded->bundle, tasks, eval, envOptions, threads);
}

}  // namespace pirl::rl

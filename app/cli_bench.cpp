#include <algorithm>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli_common.h"
#include "core/common/rng.h"
#include "core/sim/vector_env.h"

namespace pirl::app {

namespace {

struct BenchEnvArgs {
  std::string task = "put_carrot_on_plate";
  int envs = 16;
  int threads = 1;
  double seconds = 5.0;
  std::uint64_t seed = 0;
  bool json = false;
};

using Clock = std::chrono::steady_clock;

double elapsed(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int runBenchEnv(const BenchEnvArgs& args) {
  sim::VectorEnvOptions vo;
  vo.tasks = {args.task};
  vo.numEnvs = args.envs;
  vo.threads = args.threads;
  vo.seed = args.seed;
  auto created = sim::VectorEnv::create(vo);
  if (!created) return fail(created.error().message);
  sim::VectorEnv& venv = *created.value();
  const int n = venv.size();

  // control steps with uniformly random actions (episodes end by time limit and reset)
  Rng rng(args.seed);
  std::vector<float> actions(static_cast<std::size_t>(n) * sim::kActionDim);
  std::uint64_t envSteps = 0;
  auto start = Clock::now();
  double controlSeconds = 0.0;
  do {
    for (auto& a : actions) a = static_cast<float>(rng.uniform(-1.0, 1.0));
    venv.step(actions.data());
    envSteps += static_cast<std::uint64_t>(n);
    controlSeconds = elapsed(start);
  } while (controlSeconds < args.seconds);
  // physics of control periods only: reset settling counts as overhead
  const std::uint64_t physics = envSteps * static_cast<std::uint64_t>(venv.env(0).substeps());

  // plain mj_step on copies of the same states, same thread count, same duration
  const mjModel* model = venv.env(0).taskModel().model();
  std::vector<sim::DataPtr> datas;
  for (int i = 0; i < n; ++i) {
    datas.push_back(sim::makeData(model));
    mj_copyData(datas.back().get(), model, venv.env(i).data());
  }
  ThreadPool pool(std::min(args.threads, n));
  const int batch = venv.env(0).substeps();
  std::uint64_t rawSteps = 0;
  start = Clock::now();
  double rawSeconds = 0.0;
  do {
    pool.parallelFor(datas.size(), [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) {
        for (int s = 0; s < batch; ++s) mj_step(model, datas[i].get());
      }
    });
    rawSteps += static_cast<std::uint64_t>(n) * batch;
    rawSeconds = elapsed(start);
  } while (rawSeconds < args.seconds);

  const double envRate = envSteps / controlSeconds;
  const double physRate = physics / controlSeconds;
  const double rawRate = rawSteps / rawSeconds;
  const nlohmann::json out = {{"benchmark", "env"},
                              {"task", args.task},
                              {"envs", n},
                              {"threads", args.threads},
                              {"seconds", controlSeconds},
                              {"env_steps_per_s", envRate},
                              {"physics_steps_per_s", physRate},
                              {"raw_physics_steps_per_s", rawRate},
                              {"physics_efficiency", physRate / rawRate},
                              {"substeps", batch},
                              {"mujoco_version", mj_versionString()}};
  if (args.json) {
    std::cout << out.dump() << "\n";
  } else {
    std::cout << out.dump(2) << "\n";
  }
  return 0;
}

}  // namespace

void addBenchCommands(CLI::App& app, CommandAction& action) {
  auto* bench = app.add_subcommand("bench", "Benchmarks (JSON output)");
  bench->require_subcommand(1);
  auto* env = bench->add_subcommand("env", "Vector-environment throughput and overhead");
  auto args = std::make_shared<BenchEnvArgs>();
  env->add_option("--task", args->task, "Task name or task@variant");
  env->add_option("--envs", args->envs, "Environments")->check(CLI::Range(1, 4096));
  env->add_option("--threads", args->threads, "Worker threads")->check(CLI::Range(1, 256));
  env->add_option("--seconds", args->seconds, "Duration of each phase")
      ->check(CLI::Range(0.01, 3600.0));
  env->add_option("--seed", args->seed, "Seed of the random actions");
  env->add_flag("--json", args->json, "Print one JSON object");
  env->callback([&action, args] { action = [args] { return runBenchEnv(*args); }; });
}

}  // namespace pirl::app

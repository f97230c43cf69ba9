#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli_common.h"
#include "core/common/file_util.h"
#include "core/common/rng.h"
#include "core/rl/inspect.h"
#include "core/rl/sft.h"
#include "core/rl/train_config.h"
#include "core/rl/trainer.h"
#include "core/sim/vector_env.h"

#include <sys/resource.h>

#include <filesystem>

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

struct BenchTrainArgs {
  std::string config;
  std::vector<std::string> sets;
  int iterations = 5;
  std::string device;
  bool json = false;
};

int runBenchTrain(const BenchTrainArgs& args) {
  std::vector<std::string> overrides = args.sets;
  overrides.push_back("rl.iterations=" + std::to_string(args.iterations));
  if (!args.device.empty()) overrides.push_back("device=" + args.device);
  auto config = rl::loadTrainConfig(args.config, overrides);
  if (!config) return fail(config.error().message);
  const std::string tmp =
      (std::filesystem::temp_directory_path() / ("pirl-bench-" + std::to_string(::getpid())))
          .string();
  if (config->rl.initCheckpoint.empty()) {
    // no starting policy: a one-epoch SFT gives one (not timed)
    rl::TrainConfig sft = config.value();
    sft.sft.epochs = 1;
    sft.sft.demosPerTask = std::min(sft.sft.demosPerTask, 4);
    sft.eval.episodes = 1;
    sft.eval.envs = 1;
    auto out = rl::runSft(sft, tmp + "/sft");
    if (!out) return fail(out.error().message);
    config->rl.initCheckpoint = out->checkpointDir;
  }
  // GRPO keeps only groups with mixed outcomes; from the short SFT policy every group may fail
  // alike, which would time no update at all: the benchmark keeps every group (advantage 0 where
  // a group agrees), so the update is timed on the whole batch, an upper bound for a real run
  const bool grpo = config->rl.advType == "grpo";
  if (grpo) config->rl.groupFilter = {0.0, 1.0};
  auto trainer = rl::Trainer::create(config.value(), tmp + "/rl");
  if (!trainer) return fail(trainer.error().message);
  trainer.value()->setEvaluationEnabled(false);
  double rollout = 0, update = 0, samples = 0, envSteps = 0;
  int iterations = 0;
  rl::TrainerCallbacks cb;
  cb.onIteration = [&](const rl::IterationReport& r) -> Status {
    std::map<std::string, double> m(r.metrics.begin(), r.metrics.end());
    rollout += m["time/rollout_s"];
    update += m["time/update_s"];
    samples += m["train/samples"] * config->rl.updateEpochs;
    envSteps = static_cast<double>(r.envSteps);
    ++iterations;
    return {};
  };
  const auto start = Clock::now();
  auto out = trainer.value()->run(cb);
  const double total = elapsed(start);
  (void)removeTree(tmp);
  if (!out) return fail(out.error().message);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const nlohmann::json result = {{"benchmark", "train"},
                                 {"method", config->rl.method},
                                 {"adv_type", config->rl.advType},
                                 {"tasks", config->tasks},
                                 {"device", out->device},
                                 {"iterations", iterations},
                                 {"num_envs", config->rl.numEnvs},
                                 {"threads", config->threads},
                                 {"env_steps", envSteps},
                                 {"env_steps_per_s", envSteps / std::max(rollout, 1e-9)},
                                 {"env_steps_per_s_overall", envSteps / std::max(total, 1e-9)},
                                 {"rollout_s_per_iteration", rollout / std::max(iterations, 1)},
                                 {"update_s_per_iteration", update / std::max(iterations, 1)},
                                 {"ppo_samples_per_s", samples / std::max(update, 1e-9)},
                                 {"all_groups_kept", grpo},
                                 {"seconds", total},
                                 {"peak_rss_mb", usage.ru_maxrss / 1024.0}};
  std::cout << (args.json ? result.dump() : result.dump(2)) << "\n";
  return 0;
}

struct BenchExploreArgs {
  std::string checkpoint;
  std::string task = "put_carrot_on_plate";
  std::vector<double> noiseLevels = {0.5, 0.8, 1.2};
  int states = 40;
  int samples = 64;
  std::uint64_t seed = 0;
  bool json = false;
};

int runBenchExplore(const BenchExploreArgs& args) {
  const auto start = Clock::now();
  auto rows = rl::explorationSpread(args.checkpoint, args.task, args.noiseLevels, args.states,
                                    args.samples, args.seed);
  if (!rows) return fail(rows.error().message);
  nlohmann::json samplers = nlohmann::json::array();
  for (const auto& r : rows.value()) {
    samplers.push_back({{"method", r.method},
                        {"noise_level", r.noiseLevel},
                        {"hand_spread_cm", 100.0 * r.handSpread},
                        {"gripper_std", r.gripperStd}});
  }
  const nlohmann::json result = {{"benchmark", "explore"},  {"checkpoint", args.checkpoint},
                                 {"task", args.task},       {"states", args.states},
                                 {"samples", args.samples}, {"seed", args.seed},
                                 {"samplers", samplers},    {"seconds", elapsed(start)}};
  std::cout << (args.json ? result.dump() : result.dump(2)) << "\n";
  return 0;
}

}  // namespace

void addBenchCommands(CLI::App& app, CommandAction& action) {
  auto* bench = app.add_subcommand("bench", "Benchmarks (JSON output)");
  bench->require_subcommand(1);
  addRenderCommands(app, *bench, action);
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

  auto* train = bench->add_subcommand("train", "RL training throughput: rollout vs update");
  auto targs = std::make_shared<BenchTrainArgs>();
  train->add_option("--config", targs->config, "YAML config (rl section used)")
      ->required()
      ->check(CLI::ExistingFile);
  train->add_option("--set", targs->sets, "Override an option: key=value (repeatable)");
  train->add_option("--iterations", targs->iterations, "RL iterations to time")
      ->check(CLI::Range(1, 100000));
  train->add_option("--device", targs->device, "auto, cpu or cuda")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  train->add_flag("--json", targs->json, "Print one JSON object");
  train->callback([&action, targs] { action = [targs] { return runBenchTrain(*targs); }; });

  auto* explore = bench->add_subcommand(
      "explore", "How far each sampler's noise spreads a checkpoint's executed chunk");
  auto xargs = std::make_shared<BenchExploreArgs>();
  explore->add_option("--checkpoint", xargs->checkpoint, "Checkpoint directory")
      ->required()
      ->check(CLI::ExistingDirectory);
  explore->add_option("--task", xargs->task, "Task name or task@variant");
  explore->add_option("--noise-levels", xargs->noiseLevels, "Flow-SDE noise levels a to compare")
      ->check(CLI::Range(0.0, 10.0));
  explore->add_option("--states", xargs->states, "Reset states averaged over")
      ->check(CLI::Range(1, 10000));
  explore->add_option("--samples", xargs->samples, "Chunks sampled per state and sampler")
      ->check(CLI::Range(2, 10000));
  explore->add_option("--seed", xargs->seed, "Seed of the reset states and the noise");
  explore->add_flag("--json", xargs->json, "Print one JSON object");
  explore->callback([&action, xargs] { action = [xargs] { return runBenchExplore(*xargs); }; });
}

}  // namespace pirl::app

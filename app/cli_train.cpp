#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <unistd.h>

#include "app/cli_common.h"
#include "core/policy/schedule.h"
#include "core/rl/sft.h"
#include "core/rl/train_config.h"
#include "core/session/training_session.h"
#include "core/storage/database.h"

namespace pirl::app {

namespace {

std::atomic<bool> g_stop{false};
std::atomic<std::int64_t> g_firstSignalNs{0};

std::int64_t monotonicNs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);  // async-signal-safe
  return std::int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

// First Ctrl-C (or SIGTERM): stop cleanly (an RL iteration in progress is dropped, an SFT epoch
// finishes), then save a checkpoint and evaluate it; say so, since that takes a while. A second
// one quits at once: every committed iteration is already safe in the database. Signals within
// half a second of the first count as the same one (`timeout -s INT` and process-group
// signals deliver the same interrupt twice).
void onSigint(int sig) {
  const int savedErrno = errno;
  const std::int64_t now = monotonicNs();
  std::int64_t first = 0;
  if (!g_firstSignalNs.compare_exchange_strong(first, now)) {
    if (now - first >= 500000000) {
      std::signal(sig, SIG_DFL);
      std::raise(sig);
    }
    errno = savedErrno;
    return;
  }
  g_stop.store(true);
  static const char kMsg[] =
      "\npirl: stopping: saving a checkpoint and evaluating it "
      "(press Ctrl-C again to quit at once; committed iterations are kept)\n";
  [[maybe_unused]] const auto n = ::write(STDERR_FILENO, kMsg, sizeof kMsg - 1);
  errno = savedErrno;
}

struct TrainArgs {
  std::string config;
  std::vector<std::string> sets;
  std::string device;
  std::string db;
  std::int64_t resume = 0;
  bool json = false;
};

nlohmann::json evalJson(const rl::EvalResult& e) {
  nlohmann::json perTask = nlohmann::json::object();
  for (const auto& [task, rate] : e.successPerTask) perTask[task] = rate;
  return perTask;
}

nlohmann::json iterationJson(const rl::IterationReport& r) {
  nlohmann::json line = {{"iteration", r.iteration},
                         {"iterations", r.iterations},
                         {"env_steps", r.envSteps},
                         {"seconds", r.seconds}};
  for (const auto& [k, v] : r.metrics) {
    if (std::isfinite(v)) line[k] = v;
  }
  if (r.eval) line["eval_success_per_task"] = evalJson(*r.eval);
  if (!r.checkpointDir.empty()) line["checkpoint"] = r.checkpointDir;
  return line;
}

int runTrain(const TrainArgs& args) {
  if (args.config.empty() && args.resume == 0) return fail("give --config FILE or --resume RUN");
  auto resolved = projectDatabasePath(args.db);
  if (!resolved) return fail(resolved.error().message);
  const std::string dbPath = resolved.value();
  rl::TrainConfig config;
  if (args.resume == 0) {
    std::vector<std::string> overrides = args.sets;
    if (!args.device.empty()) overrides.push_back("device=" + args.device);
    auto loaded = rl::loadTrainConfig(args.config, overrides);
    if (!loaded) return fail(loaded.error().message);
    config = loaded.value();
  }
  // a resumed run keeps its stored config; only the thread count (it does not change the
  // numbers, so another machine can continue it) and the iteration count (to train a run
  // further) may change
  int resumeThreads = 0;
  std::int64_t resumeIterations = 0;
  if (args.resume > 0) {
    if (!args.device.empty()) return fail("--resume continues on the run's stored device");
    for (const auto& set : args.sets) {
      const std::string key = set.substr(0, set.find('='));
      if (key != "threads" && key != "rl.iterations") {
        return fail(
            "--resume continues the run's stored config; only --set threads=N and "
            "--set rl.iterations=N can change (got '" +
            set + "')");
      }
      // the config's own option parser checks the value
      auto parsed = rl::parseTrainConfig("{}", "--set", {set});
      if (!parsed) return fail(parsed.error().message);
      if (key == "threads")
        resumeThreads = parsed->threads;
      else
        resumeIterations = parsed->rl.iterations;
    }
  }

  g_stop.store(false);
  g_firstSignalNs.store(0);
  std::signal(SIGINT, onSigint);
  std::signal(SIGTERM, onSigint);
  const int epochs = config.stage == "rl" ? 0 : config.sft.epochs;
  Progress sftProgress("sft", epochs);
  Progress rlProgress("rl", config.rl.iterations);
  session::TrainingCallbacks callbacks;
  callbacks.onStart = [&](std::int64_t id) {
    if (!args.json) {
      std::fprintf(stderr, "run %lld in %s\n", static_cast<long long>(id), dbPath.c_str());
    }
  };
  callbacks.onSftEpoch = [&](const rl::SftEpochReport& r) {
    if (args.json) {
      nlohmann::json line = {{"epoch", r.epoch},
                             {"epochs", r.epochs},
                             {"step", r.step},
                             {"train_loss", r.trainLoss},
                             {"seconds", r.seconds}};
      if (!std::isnan(r.valLoss)) line["val_loss"] = r.valLoss;
      if (r.eval) {
        line["eval_success"] = r.eval->meanSuccess;
        line["eval_success_per_task"] = evalJson(*r.eval);
      }
      std::cout << line.dump() << std::endl;
    } else {
      char status[160];
      std::snprintf(status, sizeof(status), "loss %.4f  val %.4f  %.0fs", r.trainLoss, r.valLoss,
                    r.seconds);
      sftProgress.update(r.epoch, status);
      if (r.epoch == r.epochs) sftProgress.finish();
    }
  };
  callbacks.onIteration = [&](const rl::IterationReport& r) {
    if (args.json) {
      std::cout << iterationJson(r).dump() << std::endl;
      return;
    }
    const double success = r.metric("env/success_once");
    const double evalSuccess = r.metric("eval/success_once");
    char status[200];
    std::snprintf(status, sizeof(status),
                  "train success %5.1f%%  eval %5.1f%%  %lld env steps  %.0fs", 100 * success,
                  100 * evalSuccess, static_cast<long long>(r.envSteps), r.seconds);
    rlProgress.setTotal(r.iterations);
    rlProgress.update(r.iteration, status);
  };
  auto outcome = args.resume > 0 ? session::resumeTraining(args.resume, dbPath, callbacks, &g_stop,
                                                           -1, resumeThreads, resumeIterations)
                                 : session::runTraining(config, dbPath, callbacks, &g_stop);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (!args.json) rlProgress.finish();
  if (!outcome) return fail(outcome.error().message);
  const nlohmann::json final = {{"run_id", outcome->runId},
                                {"db", dbPath},
                                {"final_eval_success", outcome->finalEval.meanSuccess},
                                {"eval_success_per_task", evalJson(outcome->finalEval)},
                                {"eval_episodes", outcome->finalEval.episodes},
                                {"checkpoint", outcome->checkpointDir},
                                {"steps", outcome->steps},
                                {"env_steps", outcome->envSteps},
                                {"seconds", outcome->seconds},
                                {"device", outcome->device},
                                {"stopped", outcome->stopped}};
  if (args.json) {
    std::cout << final.dump() << std::endl;
  } else {
    std::printf("run %lld: %s (%.0f s on %s)\n", static_cast<long long>(outcome->runId),
                outcome->stopped ? "stopped" : "finished", outcome->seconds,
                outcome->device.c_str());
    for (const auto& [task, rate] : outcome->finalEval.successPerTask) {
      std::printf("  %-40s success %5.1f%%\n", task.c_str(), 100.0 * rate);
    }
    std::printf("  mean success %.1f%% (ODE, %d episodes); checkpoint %s\n",
                100.0 * outcome->finalEval.meanSuccess, outcome->finalEval.episodes,
                outcome->checkpointDir.c_str());
  }
  return outcome->stopped ? 130 : 0;
}

struct ScheduleArgs {
  std::string method = "flow_sde";
  int steps = 4;
  double noiseLevel = 0.5;
  std::vector<double> stdRange = {0.08, 0.16};
  bool json = false;
};

int runSchedule(const ScheduleArgs& args) {
  const auto s = policy::DenoiseSchedule::make(args.steps, args.noiseLevel);
  nlohmann::json out = {{"method", args.method}, {"steps", args.steps}, {"t", s.t}};
  if (args.method == "flow_sde") {
    out["noise_level"] = args.noiseLevel;
    out["sigma"] = s.sigma;
    out["std"] = s.std;
    out["mean_coef_x"] = s.coefX;
    out["mean_coef_v"] = s.coefV;
  } else {
    // Flow-Noise: ODE mean x - delta v, learned std bounded to the range; "std" is the value
    // at a zero head output (geometric mean of the bounds)
    const double mid = std::sqrt(args.stdRange[0] * args.stdRange[1]);
    out["std"] = std::vector<double>(args.steps, mid);
    out["std_min"] = std::vector<double>(args.steps, args.stdRange[0]);
    out["std_max"] = std::vector<double>(args.steps, args.stdRange[1]);
    out["mean_coef_x"] = std::vector<double>(args.steps, 1.0);
    out["mean_coef_v"] = std::vector<double>(args.steps, -s.delta);
  }
  if (args.json) {
    std::cout << out.dump() << "\n";
    return 0;
  }
  std::printf(
      "%s, N = %d%s\n", args.method.c_str(), args.steps,
      args.method == "flow_sde" ? (", a = " + std::to_string(args.noiseLevel)).c_str() : "");
  std::printf("  k    t_k    t_k+1      std   mean = cx*x + cv*v\n");
  for (int k = 0; k < args.steps; ++k) {
    std::printf("%3d  %6.3f  %6.3f  %8.4f   cx=%8.5f cv=%8.5f\n", k, s.t[k], s.t[k + 1],
                out["std"][k].get<double>(), out["mean_coef_x"][k].get<double>(),
                out["mean_coef_v"][k].get<double>());
  }
  return 0;
}

}  // namespace

void addTrainCommands(CLI::App& app, CommandAction& action) {
  auto* train = app.add_subcommand("train", "Train a policy (stage: sft) from a YAML config");
  auto args = std::make_shared<TrainArgs>();
  auto* configOpt =
      train->add_option("--config", args->config, "YAML config (see resources/presets/)")
          ->check(CLI::ExistingFile);
  train->add_option("--resume", args->resume, "Continue RL run RUN from its newest checkpoint")
      ->check(wholeNumber(1))
      ->excludes(configOpt);
  train->add_option("--set", args->sets, "Override an option: key=value (repeatable)");
  train->add_option("--device", args->device, "auto, cpu or cuda (overrides the config)")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  train->add_option("--db", args->db, "Project database (default: <data dir>/pirl.db)");
  train->add_flag("--json", args->json, "One JSON object per epoch, then a final one");
  train->callback([&action, args] { action = [args] { return runTrain(*args); }; });

  auto* schedule = app.add_subcommand(
      "schedule", "Print the denoising time grid, per-step std and mean coefficients");
  auto sargs = std::make_shared<ScheduleArgs>();
  schedule->add_option("--method", sargs->method, "flow_sde or flow_noise")
      ->check(CLI::IsMember({"flow_sde", "flow_noise"}));
  schedule->add_option("--steps", sargs->steps, "Denoising steps N")->check(CLI::Range(1, 10000));
  schedule->add_option("--noise-level", sargs->noiseLevel, "Flow-SDE noise level a")
      ->check(CLI::Range(0.0, 10.0));
  schedule->add_option("--std-range", sargs->stdRange, "Flow-Noise std bounds (two numbers)")
      ->expected(2);
  schedule->add_flag("--json", sargs->json, "Print one JSON object");
  schedule->callback([&action, sargs] { action = [sargs] { return runSchedule(*sargs); }; });
}

}  // namespace pirl::app

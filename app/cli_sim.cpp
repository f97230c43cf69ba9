#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli_common.h"
#include "core/sim/expert.h"
#include "core/sim/task.h"

namespace pirl::app {

namespace {

nlohmann::json layoutJson(const std::vector<sim::LayoutField>& fields) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : fields) {
    out.push_back({{"name", f.name},
                   {"offset", f.offset},
                   {"size", f.size},
                   {"unit", f.unit},
                   {"description", f.description}});
  }
  return out;
}

int runTasks(bool json) {
  const std::vector<std::string> variants = {"ood_vision", "ood_semantic", "ood_execution"};
  if (json) {
    nlohmann::json tasks = nlohmann::json::array();
    for (const auto& def : sim::taskDefinitions()) {
      tasks.push_back({{"name", def.name},
                       {"instruction", def.instruction},
                       {"ood_semantic_instruction", def.semanticInstruction},
                       {"max_episode_steps", def.maxEpisodeSteps},
                       {"variants", variants},
                       {"dense_reward", def.denseRewardDoc}});
    }
    const nlohmann::json out = {{"tasks", tasks},
                                {"obs_dim", sim::kObsDim},
                                {"action_dim", sim::kActionDim},
                                {"observation", layoutJson(sim::observationLayout())},
                                {"action", layoutJson(sim::actionLayout())}};
    std::cout << out.dump() << "\n";
    return 0;
  }
  std::printf(
      "Tasks (select a variant with task@variant: ood_vision, ood_semantic, "
      "ood_execution)\n");
  for (const auto& def : sim::taskDefinitions()) {
    std::printf("  %-24s %3d steps  \"%s\"\n", def.name.c_str(), def.maxEpisodeSteps,
                def.instruction.c_str());
  }
  std::printf("\nObservation (%d floats)\n", sim::kObsDim);
  for (const auto& f : sim::observationLayout()) {
    std::printf("  [%2d..%2d] %-16s %-4s %s\n", f.offset, f.offset + f.size - 1, f.name.c_str(),
                f.unit.c_str(), f.description.c_str());
  }
  std::printf("\nAction (%d floats)\n", sim::kActionDim);
  for (const auto& f : sim::actionLayout()) {
    std::printf("  [%2d..%2d] %-16s %s\n", f.offset, f.offset + f.size - 1, f.name.c_str(),
                f.description.c_str());
  }
  return 0;
}

struct ExpertArgs {
  std::vector<std::string> tasks;
  int episodes = 50;
  std::uint64_t seed = 0;
  int envs = 8;
  int threads = 2;
  std::string save;
  bool json = false;
  bool random = false;
};

std::vector<std::string> expandTasks(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (n == "all") {
      for (const auto& def : sim::taskDefinitions()) out.push_back(def.name);
    } else {
      out.push_back(n);
    }
  }
  return out;
}

int runExpertCommand(const ExpertArgs& args) {
  sim::VectorEnvOptions vo;
  vo.tasks = expandTasks(args.tasks);
  vo.numEnvs = args.envs;
  vo.threads = args.threads;
  vo.seed = args.seed;
  Progress progress("expert", args.episodes * static_cast<int>(vo.tasks.size()));
  sim::ExpertOptions expertOptions;
  expertOptions.randomActions = args.random;
  auto run = sim::runExpert(vo, args.episodes, expertOptions, !args.save.empty(),
                            [&](int done, int total, int successes) {
                              (void)total;
                              progress.update(
                                  done, "success " + std::to_string(100 * successes / done) + "%");
                            });
  progress.finish();
  if (!run) return fail(run.error().message);
  if (!args.save.empty()) {
    if (auto s = sim::saveDemos(run->demos, args.save); !s) return fail(s.error().message);
  }
  const double rate = static_cast<double>(run->successes) / run->episodes;
  const double stepsPerS = run->seconds > 0 ? run->envSteps / run->seconds : 0.0;
  nlohmann::json perTask = nlohmann::json::object();
  for (const auto& [task, tally] : run->perTask) {
    perTask[task] = {{"episodes", tally.episodes},
                     {"success_rate", static_cast<double>(tally.successes) / tally.episodes}};
  }
  if (args.json) {
    nlohmann::json out = {
        {"task", vo.tasks.size() == 1 ? nlohmann::json(vo.tasks[0]) : nlohmann::json(vo.tasks)},
        {"episodes", run->episodes},
        {"success_rate", rate},
        {"mean_episode_len", run->meanEpisodeLength},
        {"env_steps_per_s", stepsPerS},
        {"seed", args.seed},
        {"envs", run->envs},
        {"threads", vo.threads},
        {"policy", args.random ? "random" : "expert"},
        {"per_task", perTask}};
    if (!args.save.empty()) out["saved"] = args.save;
    std::cout << out.dump() << "\n";
  } else {
    for (const auto& [task, tally] : run->perTask) {
      std::printf("%-40s %4d episodes  success %5.1f%%\n", task.c_str(), tally.episodes,
                  100.0 * tally.successes / tally.episodes);
    }
    std::printf("total: %d episodes, success %.1f%%, mean length %.1f steps, %.0f env steps/s\n",
                run->episodes, 100.0 * rate, run->meanEpisodeLength, stepsPerS);
    if (!args.save.empty()) std::printf("saved %s\n", args.save.c_str());
  }
  return 0;
}

}  // namespace

void addSimCommands(CLI::App& app, CommandAction& action) {
  auto* tasks =
      app.add_subcommand("tasks", "List tasks, variants and the observation/action layout");
  auto tasksJson = std::make_shared<bool>(false);
  tasks->add_flag("--json", *tasksJson, "Print one JSON object");
  tasks->callback([&action, tasksJson] { action = [tasksJson] { return runTasks(*tasksJson); }; });

  auto* expert = app.add_subcommand("expert", "Run the scripted expert; optionally save demos");
  auto args = std::make_shared<ExpertArgs>();
  expert->add_option("--task", args->tasks, "Task name, task@variant, or 'all' (repeatable)")
      ->required();
  expert->add_option("--episodes", args->episodes, "Episodes to run per task")
      ->check(CLI::Range(1, 1000000));
  expert->add_option("--seed", args->seed, "Base seed");
  expert->add_option("--envs", args->envs, "Parallel environments")->check(CLI::Range(1, 4096));
  expert->add_option("--threads", args->threads, "Worker threads")->check(CLI::Range(1, 256));
  expert->add_option("--save", args->save, "Write the episodes to this demonstration file");
  expert->add_flag("--json", args->json, "Print one JSON object as the last line");
  expert->add_flag("--random", args->random,
                   "Act uniformly at random instead (baseline: should almost never succeed)");
  expert->callback([&action, args] { action = [args] { return runExpertCommand(*args); }; });
}

}  // namespace pirl::app

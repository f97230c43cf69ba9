#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/cli_common.h"
#include "core/common/file_util.h"
#include "core/rl/policy_export.h"
#include "core/rl/policy_import.h"
#include "core/session/training_session.h"
#include "core/storage/database.h"

namespace pirl::app {

namespace {

Result<std::unique_ptr<storage::Database>> openDb(const std::string& path) {
  auto p = projectDatabasePath(path);
  if (!p) return p.error();
  return storage::Database::open(p.value());
}

int runRuns(const std::string& dbPath, bool json) {
  auto db = openDb(dbPath);
  if (!db) return fail(db.error().message);
  auto runs = db.value()->runs();
  if (!runs) return fail(runs.error().message);
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : runs.value()) {
      auto cks = db.value()->checkpoints(r.id);
      nlohmann::json best = nullptr;
      if (cks) {
        for (const auto& c : cks.value()) {
          if (c.evalSuccess && (best.is_null() || *c.evalSuccess > best.get<double>())) {
            best = *c.evalSuccess;
          }
        }
      }
      out.push_back({{"id", r.id},
                     {"name", r.name},
                     {"status", r.status},
                     {"stage", r.stage},
                     {"algorithm", r.algorithm},
                     {"tasks", r.tasks},
                     {"seed", r.seed},
                     {"device", r.device},
                     {"started_at", r.startedAt},
                     {"ended_at", r.endedAt},
                     {"parent_run", r.parentRun},
                     {"run_dir", r.runDir},
                     {"tags", r.tags},
                     {"best_eval_success", best}});
    }
    std::cout << out.dump() << "\n";
    return 0;
  }
  std::printf("%5s  %-24s %-9s %-6s %-20s %s\n", "id", "name", "status", "stage", "started",
              "tasks");
  for (const auto& r : runs.value()) {
    std::printf("%5lld  %-24s %-9s %-6s %-20s %s\n", static_cast<long long>(r.id), r.name.c_str(),
                r.status.c_str(), r.stage.c_str(), r.startedAt.c_str(), r.tasks.c_str());
  }
  return 0;
}

struct MetricsArgs {
  std::string db;
  std::int64_t run = 0;
  std::string key;
  bool csv = false;
  bool json = false;
};

int runMetrics(const MetricsArgs& args) {
  auto db = openDb(args.db);
  if (!db) return fail(db.error().message);
  if (auto r = db.value()->run(args.run); !r) return fail(r.error().message);
  if (args.key.empty()) {
    auto keys = db.value()->metricKeys(args.run);
    if (!keys) return fail(keys.error().message);
    if (args.json) {
      std::cout << nlohmann::json(keys.value()).dump() << "\n";
    } else {
      for (const auto& k : keys.value()) std::printf("%s\n", k.c_str());
    }
    return 0;
  }
  auto points = db.value()->metric(args.run, args.key);
  if (!points) return fail(points.error().message);
  if (points->empty()) {
    return fail("run " + std::to_string(args.run) + " has no metric '" + args.key +
                "'; list its metrics with: pirl metrics --run " + std::to_string(args.run));
  }
  if (args.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : points.value()) {
      out.push_back({{"step", p.step},
                     {"env_steps", p.envSteps},
                     {"wall_time", p.wallTime},
                     {"value", p.value}});
    }
    std::cout << out.dump() << "\n";
  } else {
    std::printf(args.csv ? "step,env_steps,wall_time,value\n" : "%10s %12s %10s %s\n", "step",
                "env_steps", "wall_time", "value");
    for (const auto& p : points.value()) {
      std::printf(args.csv ? "%lld,%lld,%.3f,%.9g\n" : "%10lld %12lld %10.3f %.9g\n",
                  static_cast<long long>(p.step), static_cast<long long>(p.envSteps), p.wallTime,
                  p.value);
    }
  }
  return 0;
}

struct EvalArgs {
  std::string db;
  std::int64_t run = 0;
  std::int64_t checkpoint = -1;
  int episodes = 200;
  bool ood = false;
  std::string device = "auto";
  std::optional<double> initNoiseScale;
  bool json = false;
};

nlohmann::json successJson(const rl::EvalResult& e) {
  nlohmann::json perTask = nlohmann::json::object();
  for (const auto& [task, rate] : e.successPerTask) perTask[task] = rate;
  return {{"success", e.meanSuccess},
          {"per_task", perTask},
          {"episodes", e.episodes},
          {"mean_episode_len", e.meanEpisodeLength},
          {"seconds", e.seconds}};
}

int runEval(const EvalArgs& args) {
  auto resolved = projectDatabasePath(args.db);
  if (!resolved) return fail(resolved.error().message);
  const std::string dbPath = resolved.value();
  auto r = session::evaluateRun(args.run, args.checkpoint, args.episodes, args.ood, dbPath,
                                args.device, args.initNoiseScale);
  if (!r) return fail(r.error().message);
  if (args.json) {
    nlohmann::json out = {{"run_id", args.run},
                          {"checkpoint", r->checkpointDir},
                          {"step", r->step},
                          {"eval_success", r->inDistribution.meanSuccess},
                          {"eval_success_per_task", successJson(r->inDistribution)["per_task"]},
                          {"episodes_per_task", args.episodes},
                          {"stored", r->stored},
                          {"checkpoint_success_updated", r->checkpointSuccessUpdated}};
    for (const auto& [variant, e] : r->ood) out["ood"][variant] = successJson(e);
    std::cout << out.dump() << "\n";
    return 0;
  }
  std::printf("run %lld, checkpoint step %lld (%s)\n", static_cast<long long>(args.run),
              static_cast<long long>(r->step), r->checkpointDir.c_str());
  for (const auto& [task, rate] : r->inDistribution.successPerTask) {
    std::printf("  %-40s %5.1f%%\n", task.c_str(), 100 * rate);
  }
  std::printf("  mean %5.1f%% over %d episodes per task\n", 100 * r->inDistribution.meanSuccess,
              args.episodes);
  if (!r->stored) {
    std::printf("  (not recorded: the initial noise scale differs from the run's)\n");
  } else if (!r->checkpointSuccessUpdated) {
    std::printf("  (stored; the checkpoint's recorded success stays the %d-episode one)\n",
                r->recordedEpisodes);
  }
  for (const auto& [variant, e] : r->ood) {
    std::printf("  %-40s %5.1f%%\n", variant.c_str(), 100 * e.meanSuccess);
  }
  return 0;
}

struct ExportArgs {
  std::string db;
  std::int64_t run = 0;
  std::int64_t checkpoint = -1;
  std::string out;
  bool json = false;
};

int runExport(const ExportArgs& args) {
  auto db = openDb(args.db);
  if (!db) return fail(db.error().message);
  auto chosen = session::findCheckpoint(*db.value(), args.run, args.checkpoint);
  if (!chosen) return fail(chosen.error().message);
  auto exported = rl::exportPolicy(chosen->path, args.out);
  if (!exported) return fail(exported.error().message);
  if (exported->maxAbsDifference > 1e-5) {
    return fail("the exported module differs from the app by " +
                std::to_string(exported->maxAbsDifference));
  }
  if (args.json) {
    std::cout << nlohmann::json{{"run_id", args.run},
                                {"step", chosen->step},
                                {"checkpoint", chosen->path},
                                {"policy", exported->policyPath},
                                {"example", exported->examplePath},
                                {"readme", exported->readmePath},
                                {"max_abs_difference", exported->maxAbsDifference}}
                     .dump()
              << "\n";
  } else {
    std::printf(
        "exported run %lld step %lld to %s (policy.pt, example.pt, README.md); reloaded "
        "module matches the app to %.2g\n",
        static_cast<long long>(args.run), static_cast<long long>(chosen->step), args.out.c_str(),
        exported->maxAbsDifference);
  }
  return 0;
}

struct AverageArgs {
  std::string db;
  std::int64_t run = 0;
  std::vector<std::int64_t> steps;
  std::string name;
  bool json = false;
};

int runAverage(const AverageArgs& args) {
  auto resolved = projectDatabasePath(args.db);
  if (!resolved) return fail(resolved.error().message);
  auto averaged = session::averageRun(resolved.value(), args.run, args.steps, args.name);
  if (!averaged) return fail(averaged.error().message);
  if (args.json) {
    std::cout << nlohmann::json{{"run_id", averaged->runId},
                                {"parent_run", args.run},
                                {"steps", args.steps},
                                {"step", averaged->step},
                                {"checkpoint", averaged->checkpointDir}}
                     .dump()
              << "\n";
  } else {
    std::printf(
        "averaged %zu checkpoints of run %lld into run %lld (%s); evaluate it with "
        "pirl eval --run %lld\n",
        args.steps.size(), static_cast<long long>(args.run),
        static_cast<long long>(averaged->runId), averaged->checkpointDir.c_str(),
        static_cast<long long>(averaged->runId));
  }
  return 0;
}

struct ImportArgs {
  std::string policy;
  std::string out;
  std::string config;
  bool json = false;
};

int runImport(const ImportArgs& args) {
  std::string yaml;
  if (!args.config.empty()) {
    auto text = readFile(args.config);
    if (!text) return fail(text.error().message);
    yaml = text.value();
  }
  auto imported = rl::importPolicy(args.policy, args.out, yaml);
  if (!imported) return fail(imported.error().message);
  if (args.json) {
    std::cout << nlohmann::json{{"checkpoint", imported->checkpointDir},
                                {"copied_parameters", imported->copied},
                                {"initialised_parameters", imported->initialised},
                                {"max_velocity_difference", imported->maxVelocityDifference}}
                     .dump()
              << "\n";
  } else {
    std::printf(
        "imported %s as checkpoint %s (%d parameters copied, %d initialised; velocity "
        "matches to %.2g); fine-tune it with rl.init_checkpoint=%s\n",
        args.policy.c_str(), imported->checkpointDir.c_str(), imported->copied,
        imported->initialised, imported->maxVelocityDifference, imported->checkpointDir.c_str());
  }
  return 0;
}

}  // namespace

void addRunsCommands(CLI::App& app, CommandAction& action) {
  auto* runs = app.add_subcommand("runs", "List the runs in the project database");
  auto db = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  runs->add_option("--db", *db, "Project database (default: <data dir>/pirl.db)");
  runs->add_flag("--json", *json, "Print one JSON array");
  runs->callback([&action, db, json] { action = [db, json] { return runRuns(*db, *json); }; });

  auto* metrics = app.add_subcommand("metrics", "Print a run's metric series (or its keys)");
  auto args = std::make_shared<MetricsArgs>();
  metrics->add_option("--db", args->db, "Project database (default: <data dir>/pirl.db)");
  metrics->add_option("--run", args->run, "Run id")->required()->check(wholeNumber(1));
  metrics->add_option("--key", args->key, "Metric name, e.g. eval/success_once (omit to list)");
  auto* csv = metrics->add_flag("--csv", args->csv, "Comma-separated output");
  metrics->add_flag("--json", args->json, "One JSON array")->excludes(csv);
  metrics->callback([&action, args] { action = [args] { return runMetrics(*args); }; });

  auto* eval = app.add_subcommand("eval", "Evaluate a run's checkpoint (ODE, fixed seeds)");
  auto eargs = std::make_shared<EvalArgs>();
  eval->add_option("--db", eargs->db, "Project database (default: <data dir>/pirl.db)");
  eval->add_option("--run", eargs->run, "Run id")->required()->check(wholeNumber(1));
  eval->add_option("--checkpoint", eargs->checkpoint, "Checkpoint step (default: the run's newest)")
      ->check(wholeNumber(0));
  eval->add_option("--episodes", eargs->episodes, "Episodes per task")
      ->check(CLI::Range(1, 100000));
  eval->add_flag("--ood", eargs->ood, "Also evaluate every OOD variant");
  eval->add_option("--device", eargs->device, "auto, cpu or cuda")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  eval->add_option(
          "--init-noise-scale", eargs->initNoiseScale,
          "Scale of the ODE's initial noise x_0 (default: the run's eval.init_noise_scale, "
          "1; 0 = deterministic policy); results under another value are not recorded")
      ->check(CLI::Range(0.0, 2.0));
  eval->add_flag("--json", eargs->json, "Print one JSON object");
  eval->callback([&action, eargs] { action = [eargs] { return runEval(*eargs); }; });

  auto* exp = app.add_subcommand("export", "Export a checkpoint as a TorchScript module");
  auto xargs = std::make_shared<ExportArgs>();
  exp->add_option("--db", xargs->db, "Project database (default: <data dir>/pirl.db)");
  exp->add_option("--run", xargs->run, "Run id")->required()->check(wholeNumber(1));
  exp->add_option("--checkpoint", xargs->checkpoint, "Checkpoint step (default: the run's newest)")
      ->check(wholeNumber(0));
  exp->add_option("--out", xargs->out, "Folder for policy.pt, example.pt and README.md")
      ->required();
  exp->add_flag("--json", xargs->json, "Print one JSON object");
  exp->callback([&action, xargs] { action = [xargs] { return runExport(*xargs); }; });

  auto* avg = app.add_subcommand(
      "average",
      "Average the networks of a run's checkpoints into a new run (its only checkpoint)");
  auto aargs = std::make_shared<AverageArgs>();
  avg->add_option("--db", aargs->db, "Project database (default: <data dir>/pirl.db)");
  avg->add_option("--run", aargs->run, "Run id")->required()->check(wholeNumber(1));
  avg->add_option("--checkpoints", aargs->steps, "Checkpoint steps, e.g. 250,275,300")
      ->required()
      ->delimiter(',')
      ->expected(2, 1000)
      ->check(wholeNumber(0));
  avg->add_option("--name", aargs->name, "Name of the new run (default: <run> avg <steps>)");
  avg->add_flag("--json", aargs->json, "Print one JSON object");
  avg->callback([&action, aargs] { action = [aargs] { return runAverage(*aargs); }; });

  auto* imp = app.add_subcommand(
      "import", "Turn a TorchScript flow policy (docs/file-formats.md) into a checkpoint");
  auto iargs = std::make_shared<ImportArgs>();
  imp->add_option("--policy", iargs->policy, "TorchScript module (.pt)")
      ->required()
      ->check(CLI::ExistingFile);
  imp->add_option("--out", iargs->out, "Checkpoint folder to create")->required();
  imp->add_option("--config", iargs->config,
                  "YAML config with the policy options (default: the module's `config`)");
  imp->add_flag("--json", iargs->json, "Print one JSON object");
  imp->callback([&action, iargs] { action = [iargs] { return runImport(*iargs); }; });
}

}  // namespace pirl::app

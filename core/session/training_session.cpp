#include "core/session/training_session.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/rl/checkpoint.h"
#include "core/rl/checkpoint_average.h"
#include "core/storage/database.h"

namespace pirl::session {

namespace fs = std::filesystem;

namespace {

using Metrics = std::vector<std::pair<std::string, double>>;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

// writes a batch of rows in one transaction, rolled back on any failure
template <typename F>
Status inTransaction(storage::Database& db, F&& body) {
  if (auto s = db.begin(); !s) return s;
  Status s = body();
  if (s) s = db.commit();
  if (!s) db.rollback();
  return s;
}

Status recordCheckpoint(storage::Database& db, std::int64_t run, std::int64_t step,
                        std::int64_t envSteps, const std::string& dir,
                        std::optional<double> evalSuccess) {
  auto manifest = rl::readCheckpointManifest(dir);
  if (!manifest) return manifest.error();
  storage::CheckpointRecord ck;
  ck.run = run;
  ck.step = step;
  ck.envSteps = envSteps;
  ck.path = dir;
  ck.sha256 = manifest->sha256;
  ck.sizeBytes = manifest->sizeBytes;
  ck.evalSuccess = evalSuccess;
  auto id = db.addCheckpoint(ck);
  if (!id) return id.error();
  return {};
}

struct Context {
  storage::Database& db;
  std::int64_t runId;
  std::string runDir;
  const TrainingCallbacks& callbacks;
  const std::atomic<bool>* stop;
  // a resumed run's clock continues from the last logged wall time, so x stays ascending
  double wallOffset = 0.0;
};

Result<rl::SftOutcome> runSftStage(const rl::TrainConfig& config, Context& ctx,
                                   const std::string& dir, bool finalStage) {
  Status writeError;
  auto onEpoch = [&](const rl::SftEpochReport& r) {
    Metrics m = {{"sft/train_loss", r.trainLoss}, {"sft/epoch", double(r.epoch)}};
    if (!std::isnan(r.valLoss)) m.push_back({"sft/val_loss", r.valLoss});
    if (r.eval) {
      // as the start of an sft_rl run, SFT's final evaluation is RL's iteration 0
      for (const auto& [k, v] : rl::evalMetrics(*r.eval))
        m.push_back({finalStage ? k : "sft/" + k, v});
    }
    Status s = inTransaction(ctx.db,
                             [&] { return ctx.db.addMetrics(ctx.runId, r.step, 0, r.seconds, m); });
    if (!s && writeError) writeError = s;
    if (ctx.callbacks.onSftEpoch) ctx.callbacks.onSftEpoch(r);
  };
  // before RL, SFT only needs its final evaluation (eval.every counts RL iterations then)
  rl::TrainConfig sftConfig = config;
  if (!finalStage) sftConfig.eval.every = 0;
  auto outcome = rl::runSft(sftConfig, dir, onEpoch, ctx.stop);
  if (!outcome) return outcome.error();
  if (!writeError) return writeError.error();
  // an SFT checkpoint that starts RL is RL's step 0
  const std::int64_t step = finalStage ? outcome->steps : 0;
  if (auto s = recordCheckpoint(ctx.db, ctx.runId, step, 0, outcome->checkpointDir,
                                outcome->finalEval.meanSuccess);
      !s) {
    return s.error();
  }
  return outcome;
}

Result<rl::TrainerOutcome> runRlStage(const rl::TrainConfig& config, Context& ctx,
                                      const std::optional<rl::ResumePoint>& resume) {
  auto trainer = rl::Trainer::create(config, ctx.runDir, resume);
  if (!trainer) return trainer.error();
  rl::Trainer& t = *trainer.value();
  t.setExternalStop(ctx.stop);
  if (ctx.callbacks.onTrainer) ctx.callbacks.onTrainer(t);
  // whoever holds the trainer (a GUI's pause button) must let go before it is destroyed
  struct Release {
    const std::function<void()>& done;
    ~Release() {
      if (done) done();
    }
  } release{ctx.callbacks.onTrainerDone};
  auto record = [&](const rl::IterationReport& r) -> Status {
    Status s = inTransaction(ctx.db, [&]() -> Status {
      if (auto st = ctx.db.addMetrics(ctx.runId, r.iteration, r.envSteps,
                                      r.seconds + ctx.wallOffset, r.metrics);
          !st) {
        return st;
      }
      for (const auto& e : r.episodes) {
        storage::EpisodeRecord rec;
        rec.run = ctx.runId;
        rec.step = r.iteration;
        rec.task = e.task;
        rec.seed = e.seed;
        rec.success = e.success;
        rec.episodeReturn = e.episodeReturn;
        rec.length = e.length;
        rec.stateDim = e.stateDim;
        rec.states = e.states;
        if (auto id = ctx.db.addEpisode(rec); !id) return id.error();
      }
      if (!r.checkpointDir.empty()) {
        std::optional<double> success;
        if (r.eval) success = r.eval->meanSuccess;
        return recordCheckpoint(ctx.db, ctx.runId, r.iteration, r.envSteps, r.checkpointDir,
                                success);
      }
      return {};
    });
    if (s && ctx.callbacks.onIteration) ctx.callbacks.onIteration(r);
    return s;
  };
  rl::TrainerCallbacks cb;
  cb.onStart = record;
  cb.onIteration = record;
  auto out = t.run(cb);
  if (!out) return out.error();
  if (out->stopped) {
    // the stop's evaluation is a point of the run's curves too, beside its checkpoint
    Status s = inTransaction(ctx.db, [&]() -> Status {
      if (auto st =
              ctx.db.addMetrics(ctx.runId, out->iterations, out->envSteps,
                                out->seconds + ctx.wallOffset, rl::evalMetrics(out->finalEval));
          !st) {
        return st;
      }
      return recordCheckpoint(ctx.db, ctx.runId, out->iterations, out->envSteps, out->checkpointDir,
                              out->finalEval.meanSuccess);
    });
    if (!s) return s.error();
  }
  return out;
}

Result<TrainingOutcome> execute(rl::TrainConfig config, storage::Database& db, std::int64_t runId,
                                const std::string& runDir, const TrainingCallbacks& callbacks,
                                const std::atomic<bool>* stop,
                                const std::optional<rl::ResumePoint>& resume) {
  Context ctx{db, runId, runDir, callbacks, stop};
  if (resume) {
    auto summaries = db.runSummaries();
    if (summaries) {
      for (const auto& s : summaries.value()) {
        if (s.run == runId) ctx.wallOffset = s.wallTime;
      }
    }
  }
  TrainingOutcome out;
  out.runId = runId;
  if (!resume && (config.stage == "sft" || config.stage == "sft_rl")) {
    const bool only = config.stage == "sft";
    auto sft = runSftStage(config, ctx, only ? runDir : runDir + "/sft", only);
    if (!sft) return sft.error();
    out.finalEval = sft->finalEval;
    out.checkpointDir = sft->checkpointDir;
    out.steps = sft->steps;
    out.seconds = sft->seconds;
    out.device = sft->device;
    out.stopped = sft->stopped;
    if (only || sft->stopped) return out;
    config.rl.initCheckpoint = sft->checkpointDir;
  }
  auto rlOut = runRlStage(config, ctx, resume);
  if (!rlOut) return rlOut.error();
  out.finalEval = rlOut->finalEval;
  out.checkpointDir = rlOut->checkpointDir;
  out.steps = rlOut->iterations;
  out.envSteps = rlOut->envSteps;
  out.seconds += rlOut->seconds;
  out.device = rlOut->device;
  out.stopped = rlOut->stopped;
  return out;
}

Result<TrainingOutcome> finish(storage::Database& db, std::int64_t runId,
                               Result<TrainingOutcome> outcome) {
  if (!outcome) {
    (void)db.setRunStatus(runId, "failed");
    return Error{"run " + std::to_string(runId) + ": " + outcome.error().message};
  }
  if (auto s = db.setRunStatus(runId, outcome->stopped ? "stopped" : "finished"); !s) {
    return s.error();
  }
  return outcome;
}

// Where a forked run came from (recorded on its row for the checkpoint browser's lineage).
struct RunOrigin {
  std::int64_t run = 0;         // parent run id (0: none)
  std::int64_t checkpoint = 0;  // parent checkpoint row id (0: none)
};

// The run and checkpoint row of this database that an RL run's rl.init_checkpoint names: a fork
// made in the browser, with --set rl.init_checkpoint or by editing the path records its lineage.
RunOrigin originOf(const storage::Database& db, const rl::TrainConfig& config) {
  if (config.stage != "rl" || config.rl.initCheckpoint.empty()) return {};
  // checkpointAt compares folders, whatever their spelling (relative, a link, a trailing slash)
  auto found = db.checkpointAt(config.rl.initCheckpoint);
  if (!found || !found.value()) return {};
  return {found.value()->run, found.value()->id};
}

}  // namespace

std::string runDirectory(const std::string& dbPath, std::int64_t runId) {
  // runs/<id> beside the default pirl.db; another database in the same folder gets
  // runs/<name>-<id>, so two projects never share run folders
  const fs::path db(dbPath);
  const std::string stem = db.stem().string();
  const std::string name =
      stem == "pirl" ? std::to_string(runId) : stem + "-" + std::to_string(runId);
  return (db.parent_path() / "runs" / name).string();
}

Result<TrainingOutcome> runTraining(const rl::TrainConfig& config, const std::string& dbPath,
                                    const TrainingCallbacks& callbacks,
                                    const std::atomic<bool>* stop) {
  if (auto s = config.validate(); !s) return s.error();
  auto device = rl::resolveDeviceName(config.device);
  if (!device) return device.error();
  auto opened = storage::Database::open(dbPath);
  if (!opened) return opened.error();
  storage::Database& db = *opened.value();

  rl::TrainConfig stored = config;
  storage::RunRecord record;
  record.name = config.name;
  record.stage = config.stage;
  record.algorithm = config.stage == "sft" ? "" : config.rl.method + "/" + config.rl.advType;
  record.tasks = joined(config.tasks);
  record.config = stored.toYaml();
  record.seed = config.seed;
  record.versions = rl::versionsJson();
  record.device = device.value();
  const RunOrigin parent = originOf(db, config);
  record.parentRun = parent.run;
  record.parentCheckpoint = parent.checkpoint;
  auto runId = db.createRun(record);
  if (!runId) return runId.error();
  const std::string runDir = runDirectory(dbPath, runId.value());
  if (auto s = db.setRunDir(runId.value(), runDir); !s) return s.error();
  if (callbacks.onStart) callbacks.onStart(runId.value());
  return finish(db, runId.value(),
                execute(config, db, runId.value(), runDir, callbacks, stop, std::nullopt));
}

Result<TrainingOutcome> resumeTraining(std::int64_t runId, const std::string& dbPath,
                                       const TrainingCallbacks& callbacks,
                                       const std::atomic<bool>* stop, std::int64_t fromStep,
                                       int threads, std::int64_t iterations) {
  auto opened = storage::Database::open(dbPath);
  if (!opened) return opened.error();
  storage::Database& db = *opened.value();
  auto run = db.run(runId);
  if (!run) return run.error();
  auto config = rl::parseTrainConfig(run->config, "run " + std::to_string(runId));
  if (!config) return config.error();
  if (config->stage == "sft") {
    return Error{"run " + std::to_string(runId) + " is an SFT run; only RL runs can be resumed"};
  }
  const bool extended = iterations > 0 && iterations != config->rl.iterations;
  if (extended) config->rl.iterations = static_cast<int>(iterations);
  // the newest RL checkpoint: a kept one from the database or the rolling one
  std::string best;
  std::int64_t bestIteration = -1;
  auto consider = [&](const std::string& dir) {
    auto m = rl::verifyCheckpoint(dir);
    if (!m) return;
    const auto trainer = nlohmann::json::parse(m->trainer, nullptr, false);
    if (trainer.is_discarded() || trainer.value("stage", "") != "rl") return;
    const auto it = trainer.value("iteration", std::int64_t{0});
    if (it > bestIteration) {
      bestIteration = it;
      best = dir;
    }
  };
  auto checkpoints = db.checkpoints(runId);
  if (!checkpoints) return checkpoints.error();
  if (fromStep >= 0) {
    // an older checkpoint: the run continues from there (later metrics get replaced)
    for (const auto& c : checkpoints.value()) {
      if (c.step == fromStep) consider(c.path);
    }
    if (best.empty()) {
      return Error{"run " + std::to_string(runId) + " has no intact RL checkpoint at step " +
                   std::to_string(fromStep)};
    }
  } else {
    for (const auto& c : checkpoints.value()) consider(c.path);
    consider(run->runDir + "/checkpoints/" + rl::kLatestCheckpoint);
  }
  if (best.empty()) {
    return Error{"run " + std::to_string(runId) + " has no intact RL checkpoint to resume from"};
  }
  if (bestIteration >= config->rl.iterations) {
    if (extended) {
      return Error{"run " + std::to_string(runId) + " resumes at iteration " +
                   std::to_string(bestIteration) + "; rl.iterations must exceed it (got " +
                   std::to_string(iterations) + ")"};
    }
    return Error{"run " + std::to_string(runId) + " already completed its " +
                 std::to_string(config->rl.iterations) +
                 " iterations (continue it with --set rl.iterations=N)"};
  }
  // the stored config records the new length (the thread count stays as stored: it does not
  // change the numbers); status and config land together
  Status started = inTransaction(db, [&]() -> Status {
    if (extended) {
      if (auto s = db.setRunConfig(runId, config->toYaml()); !s) return s;
    }
    return db.setRunStatus(runId, "running");
  });
  if (!started) return started.error();
  if (threads > 0) config->threads = threads;
  if (callbacks.onStart) callbacks.onStart(runId);
  return finish(
      db, runId,
      execute(config.value(), db, runId, run->runDir, callbacks, stop, rl::ResumePoint{best}));
}

Result<storage::CheckpointRecord> findCheckpoint(storage::Database& db, std::int64_t runId,
                                                 std::int64_t step) {
  auto checkpoints = db.checkpoints(runId);
  if (!checkpoints) return checkpoints.error();
  const storage::CheckpointRecord* chosen = nullptr;
  for (const auto& c : checkpoints.value()) {
    if (step < 0 || c.step == step) chosen = &c;  // ordered by step: the last match is newest
  }
  if (chosen == nullptr) {
    return Error{step < 0 ? "run " + std::to_string(runId) + " has no checkpoint"
                          : "run " + std::to_string(runId) + " has no checkpoint at step " +
                                std::to_string(step)};
  }
  return *chosen;
}

Result<RunEvaluation> evaluateRun(std::int64_t runId, std::int64_t step, int episodes, bool ood,
                                  const std::string& dbPath, const std::string& device,
                                  std::optional<double> initNoiseScale) {
  auto opened = storage::Database::open(dbPath);
  if (!opened) return opened.error();
  storage::Database& db = *opened.value();
  auto run = db.run(runId);
  if (!run) return run.error();
  auto config = rl::parseTrainConfig(run->config, "run " + std::to_string(runId));
  if (!config) return config.error();
  auto found = findCheckpoint(db, runId, step);
  if (!found) return found.error();
  const storage::CheckpointRecord* chosen = &found.value();
  rl::EvalOptions eval = config->eval;
  eval.episodes = episodes;
  if (initNoiseScale) eval.initNoiseScale = *initNoiseScale;
  RunEvaluation out;
  out.stored = eval.initNoiseScale == config->eval.initNoiseScale;
  out.checkpointDir = chosen->path;
  out.step = chosen->step;
  // an SFT stage evaluates on its own tasks
  const auto& tasks =
      config->stage == "sft" && !config->sft.tasks.empty() ? config->sft.tasks : config->tasks;
  auto result =
      rl::evaluateCheckpoint(chosen->path, tasks, eval, config->env, config->threads, device);
  if (!result) return result.error();
  out.inDistribution = result.value();
  if (ood) {
    for (const char* variant : {"ood_vision", "ood_semantic", "ood_execution"}) {
      std::vector<std::string> shifted;
      for (const auto& t : tasks) {
        if (t.find('@') == std::string::npos) shifted.push_back(t + "@" + variant);
      }
      if (shifted.empty()) continue;
      auto r =
          rl::evaluateCheckpoint(chosen->path, shifted, eval, config->env, config->threads, device);
      if (!r) return r.error();
      out.ood[variant] = r.value();
    }
  }
  if (!out.stored) return out;
  // the checkpoint's success and every result, per task and variant, in one transaction (which
  // also orders concurrent evaluations of the checkpoint)
  Status stored = inTransaction(db, [&]() -> Status {
    // the most thorough in-distribution evaluation so far is the checkpoint's recorded success:
    // the run's own at that step, when it made one (eval.episodes per task), or a stored one
    auto own = db.metric(runId, "eval/success_once", chosen->step, chosen->step);
    if (!own) return own.error();
    int thorough = own->empty() ? 0 : config->eval.episodes;
    auto earlier = db.evaluations(chosen->id);
    if (!earlier) return earlier.error();
    for (const auto& e : earlier.value()) {
      if (e.variant.empty()) thorough = std::max(thorough, e.episodes);
    }
    out.checkpointSuccessUpdated = episodes >= thorough;
    out.recordedEpisodes = out.checkpointSuccessUpdated ? 0 : thorough;
    if (out.checkpointSuccessUpdated) {
      if (auto s = db.setCheckpointEval(chosen->id, out.inDistribution.meanSuccess); !s) return s;
    }
    auto store = [&](const rl::EvalResult& r) -> Status {
      for (const auto& [name, rate] : r.successPerTask) {
        storage::EvaluationRecord e;
        e.checkpoint = chosen->id;
        const auto at = name.find('@');
        e.task = name.substr(0, at);
        e.variant = at == std::string::npos ? std::string() : name.substr(at + 1);
        e.episodes = episodes;
        e.success = rate;
        if (auto s = db.addEvaluation(e); !s) return s;
      }
      return {};
    };
    if (auto s = store(out.inDistribution); !s) return s;
    for (const auto& [variant, r] : out.ood) {
      if (auto s = store(r); !s) return s;
    }
    return {};
  });
  if (!stored) return stored.error();
  return out;
}

Result<AveragedRun> averageRun(const std::string& dbPath, std::int64_t runId,
                               const std::vector<std::int64_t>& steps, std::string name) {
  if (steps.size() < 2) return Error{"averaging needs at least two checkpoint steps"};
  auto opened = storage::Database::open(dbPath);
  if (!opened) return opened.error();
  storage::Database& db = *opened.value();
  auto source = db.run(runId);
  if (!source) return source.error();
  std::vector<std::string> dirs;
  storage::CheckpointRecord newest;
  std::string label;
  for (std::int64_t step : steps) {
    auto found = findCheckpoint(db, runId, step);
    if (!found) return found.error();
    dirs.push_back(found->path);
    if (dirs.size() == 1 || found->step > newest.step) newest = found.value();
    label += (label.empty() ? "" : ",") + std::to_string(step);
  }
  storage::RunRecord record = source.value();
  record.id = 0;
  record.name = name.empty() ? source->name + " avg " + label : std::move(name);
  record.status = "running";
  record.startedAt.clear();
  record.endedAt.clear();
  record.parentRun = runId;
  record.parentCheckpoint = newest.id;
  record.runDir.clear();
  record.tags = "average";
  record.notes = "checkpoint average of run " + std::to_string(runId) + " steps " + label;
  auto newId = db.createRun(record);
  if (!newId) return newId.error();
  const std::string runDir = runDirectory(dbPath, newId.value());
  const std::string dir = runDir + "/checkpoints/" + rl::checkpointDirName(newest.step);
  Status written = [&]() -> Status {
    if (auto s = db.setRunDir(newId.value(), runDir); !s) return s;
    if (auto s = rl::averageCheckpoints(dirs, dir, newest.step); !s) return s;
    return recordCheckpoint(db, newId.value(), newest.step, newest.envSteps, dir, std::nullopt);
  }();
  if (!written) {
    (void)db.setRunStatus(newId.value(), "failed");
    return Error{"run " + std::to_string(newId.value()) + ": " + written.error().message};
  }
  if (auto s = db.setRunStatus(newId.value(), "finished"); !s) return s.error();
  return AveragedRun{newId.value(), dir, newest.step};
}

}  // namespace pirl::session

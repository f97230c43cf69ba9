#include "core/session/training_session.h"

#include <cmath>
#include <filesystem>

#include "core/rl/checkpoint.h"
#include "core/storage/database.h"

namespace pirl::session {

namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::vector<std::pair<std::string, double>> evalMetrics(const rl::EvalResult& e) {
  std::vector<std::pair<std::string, double>> m = {{"eval/success_once", e.meanSuccess},
                                                   {"eval/episode_len", e.meanEpisodeLength}};
  for (const auto& [task, rate] : e.successPerTask)
    m.push_back({"eval/success_once/" + task, rate});
  return m;
}

}  // namespace

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
  record.tasks = joined(config.tasks);
  record.config = stored.toYaml();
  record.seed = config.seed;
  record.versions = rl::versionsJson();
  record.device = device.value();
  auto runId = db.createRun(record);
  if (!runId) return runId.error();
  const std::string runDir =
      (std::filesystem::path(dbPath).parent_path() / "runs" / std::to_string(runId.value()))
          .string();
  if (auto s = db.setRunDir(runId.value(), runDir); !s) return s.error();
  if (callbacks.onStart) callbacks.onStart(runId.value());

  Status writeError;
  auto onEpoch = [&](const rl::SftEpochReport& r) {
    std::vector<std::pair<std::string, double>> m = {{"sft/train_loss", r.trainLoss},
                                                     {"sft/epoch", double(r.epoch)}};
    if (!std::isnan(r.valLoss)) m.push_back({"sft/val_loss", r.valLoss});
    if (r.eval) {
      const auto e = evalMetrics(*r.eval);
      m.insert(m.end(), e.begin(), e.end());
    }
    // one transaction per epoch: a crash loses at most the epoch in progress
    Status s = db.begin();
    if (s) s = db.addMetrics(runId.value(), r.step, 0, r.seconds, m);
    if (s) s = db.commit();
    if (!s) {
      db.rollback();
      writeError = s;
    }
    if (callbacks.onSftEpoch) callbacks.onSftEpoch(r);
  };
  auto outcome = rl::runSft(config, runDir, onEpoch, stop);
  if (!outcome) {
    (void)db.setRunStatus(runId.value(), "failed");
    return outcome.error();
  }
  if (!writeError)
    return Error{"run " + std::to_string(runId.value()) + ": " + writeError.error().message};
  auto manifest = rl::readCheckpointManifest(outcome->checkpointDir);
  if (!manifest) return manifest.error();
  storage::CheckpointRecord ck;
  ck.run = runId.value();
  ck.step = outcome->steps;
  ck.path = outcome->checkpointDir;
  ck.sha256 = manifest->sha256;
  ck.sizeBytes = manifest->sizeBytes;
  ck.evalSuccess = outcome->finalEval.meanSuccess;
  if (auto s = db.addCheckpoint(ck); !s) return s.error();
  if (auto s = db.setRunStatus(runId.value(), outcome->stopped ? "stopped" : "finished"); !s) {
    return s.error();
  }
  TrainingOutcome out;
  out.runId = runId.value();
  out.finalEval = outcome->finalEval;
  out.checkpointDir = outcome->checkpointDir;
  out.steps = outcome->steps;
  out.seconds = outcome->seconds;
  out.device = outcome->device;
  out.stopped = outcome->stopped;
  return out;
}

}  // namespace pirl::session

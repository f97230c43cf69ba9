#include "widgets/run_manager.h"

#include <QMetaObject>

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "core/rl/trainer.h"
#include "core/session/training_session.h"

namespace pirl::widgets {

QString jobStateName(JobState state) {
  switch (state) {
    case JobState::kQueued:
      return RunManager::tr("queued");
    case JobState::kRunning:
      return RunManager::tr("running");
    case JobState::kPaused:
      return RunManager::tr("paused");
    case JobState::kStopping:
      return RunManager::tr("stopping");
    case JobState::kFinished:
      return RunManager::tr("finished");
    case JobState::kStopped:
      return RunManager::tr("stopped");
    case JobState::kFailed:
      return RunManager::tr("failed");
  }
  return {};
}

struct RunManager::Job {
  JobInfo info;
  rl::TrainConfig config;
  std::optional<qint64> resumeRun;
  qint64 resumeStep = -1;
  qint64 resumeIterations = 0;  // > 0: the resumed run's new length
  std::thread thread;
  std::atomic<bool> stop{false};
  std::mutex mutex;
  rl::Trainer* trainer = nullptr;  // guarded by mutex; set while the RL stage runs
};

namespace {

bool isActive(JobState s) {
  return s == JobState::kRunning || s == JobState::kPaused || s == JobState::kStopping;
}

// seconds left, from the pace since the first report of the phase
double eta(int step, int steps, double seconds, int firstStep, double firstSeconds) {
  if (step <= firstStep) return -1.0;
  return (steps - step) * (seconds - firstSeconds) / (step - firstStep);
}

}  // namespace

RunManager::RunManager(QString dbPath, QObject* parent)
    : QObject(parent), m_dbPath(std::move(dbPath)) {}

RunManager::~RunManager() { stopAll(); }

RunManager::Job* RunManager::find(int id) const {
  for (const auto& j : m_jobs) {
    if (j->info.id == id) return j.get();
  }
  return nullptr;
}

int RunManager::launch(const rl::TrainConfig& config, bool queue) {
  auto job = std::make_unique<Job>();
  job->config = config;
  job->info.id = m_nextId++;
  job->info.name = QString::fromStdString(config.name);
  job->info.queued = queue;
  Job& j = *job;
  m_jobs.push_back(std::move(job));
  Q_EMIT jobAdded(j.info.id);
  if (queue) {
    Q_EMIT logMessage(tr("Queued \"%1\" (job %2)").arg(j.info.name).arg(j.info.id));
    startNextQueued();
  } else {
    start(j);
  }
  return j.info.id;
}

int RunManager::resumeRun(qint64 runId, const QString& name, qint64 fromStep, qint64 iterations) {
  auto job = std::make_unique<Job>();
  job->resumeRun = runId;
  job->resumeStep = fromStep;
  job->resumeIterations = iterations;
  job->info.id = m_nextId++;
  job->info.name = name;
  job->info.runId = runId;
  Job& j = *job;
  m_jobs.push_back(std::move(job));
  Q_EMIT jobAdded(j.info.id);
  start(j);
  return j.info.id;
}

void RunManager::startNextQueued() {
  for (const auto& j : m_jobs) {
    if (j->info.queued && isActive(j->info.state)) return;
  }
  for (const auto& j : m_jobs) {
    if (j->info.queued && j->info.state == JobState::kQueued) {
      start(*j);
      return;
    }
  }
}

void RunManager::post(int id, std::function<void(JobInfo&)> update, bool progressed) {
  QMetaObject::invokeMethod(
      this,
      [this, id, update = std::move(update), progressed]() {
        Job* j = find(id);
        if (!j) return;
        const qint64 before = j->info.runId;
        update(j->info);
        Q_EMIT jobChanged(id);
        if (before == 0 && j->info.runId != 0) Q_EMIT runCreated(id, j->info.runId);
        if (progressed) Q_EMIT runProgressed(id, j->info.runId);
      },
      Qt::QueuedConnection);
}

void RunManager::start(Job& job) {
  job.info.state = JobState::kRunning;
  Q_EMIT jobChanged(job.info.id);
  Q_EMIT logMessage(tr("Started \"%1\" (job %2)").arg(job.info.name).arg(job.info.id));
  const int id = job.info.id;
  const std::string db = m_dbPath.toStdString();
  Job* jp = &job;
  job.thread = std::thread([this, jp, id, db]() {
    // phase pacing for the ETA (touched only on this thread)
    int firstStep = -1;
    double firstSeconds = 0.0;
    QString phase;
    auto pace = [&](const QString& p, int step, double seconds) {
      if (p != phase) {
        phase = p;
        firstStep = step;
        firstSeconds = seconds;
      }
    };
    session::TrainingCallbacks cb;
    cb.onStart = [&](std::int64_t runId) { post(id, [runId](JobInfo& i) { i.runId = runId; }); };
    cb.onSftEpoch = [&](const rl::SftEpochReport& r) {
      pace("sft", r.epoch - 1, 0.0);
      const double left = eta(r.epoch, r.epochs, r.seconds, firstStep, firstSeconds);
      std::optional<double> success;
      if (r.eval) success = r.eval->meanSuccess;
      post(
          id,
          [r, left, success](JobInfo& i) {
            i.phase = "sft";
            i.step = r.epoch;
            i.steps = r.epochs;
            i.seconds = r.seconds;
            i.etaSeconds = left;
            if (success) i.evalSuccess = success;
          },
          true);
    };
    cb.onTrainer = [jp](rl::Trainer& t) {
      std::lock_guard lock(jp->mutex);
      jp->trainer = &t;
    };
    cb.onTrainerDone = [jp]() {
      std::lock_guard lock(jp->mutex);
      jp->trainer = nullptr;
    };
    cb.onIteration = [&](const rl::IterationReport& r) {
      pace("rl", r.iteration, r.seconds);
      const double left = eta(r.iteration, r.iterations, r.seconds, firstStep, firstSeconds);
      std::optional<double> success;
      if (r.eval) success = r.eval->meanSuccess;
      post(
          id,
          [r = std::make_tuple(r.iteration, r.iterations, r.envSteps, r.seconds), left,
           success](JobInfo& i) {
            i.phase = "rl";
            std::tie(i.step, i.steps, i.envSteps, i.seconds) = r;
            i.etaSeconds = left;
            if (success) i.evalSuccess = success;
          },
          true);
      if (success) {
        const QString line = tr("Job %1, iteration %2: evaluation success %3%")
                                 .arg(id)
                                 .arg(r.iteration)
                                 .arg(*success * 100.0, 0, 'f', 1);
        QMetaObject::invokeMethod(
            this, [this, line]() { Q_EMIT logMessage(line); }, Qt::QueuedConnection);
      }
    };
    Result<session::TrainingOutcome> outcome = Error{"not run"};
    try {
      outcome = jp->resumeRun ? session::resumeTraining(*jp->resumeRun, db, cb, &jp->stop,
                                                        jp->resumeStep, 0, jp->resumeIterations)
                              : session::runTraining(jp->config, db, cb, &jp->stop);
    } catch (const std::exception& e) {
      outcome = Error{std::string("unexpected error: ") + e.what()};
    }
    JobState state = JobState::kFailed;
    QString message;
    qint64 runId = 0;
    if (outcome) {
      state = outcome->stopped ? JobState::kStopped : JobState::kFinished;
      runId = outcome->runId;
      message = tr("final evaluation success %1% (%2 s, %3)")
                    .arg(outcome->finalEval.meanSuccess * 100.0, 0, 'f', 1)
                    .arg(outcome->seconds, 0, 'f', 0)
                    .arg(QString::fromStdString(outcome->device));
    } else {
      message = QString::fromStdString(outcome.error().message);
    }
    QMetaObject::invokeMethod(
        this,
        [this, id, state, message, runId]() {
          Job* j = find(id);
          if (!j) return;
          if (j->thread.joinable()) j->thread.join();
          j->info.state = state;
          j->info.message = message;
          if (runId != 0) j->info.runId = runId;
          j->info.etaSeconds = -1.0;
          Q_EMIT jobChanged(id);
          Q_EMIT logMessage(tr("\"%1\" (job %2) %3: %4")
                                .arg(j->info.name)
                                .arg(id)
                                .arg(jobStateName(state), message));
          Q_EMIT jobEnded(id);
          startNextQueued();
        },
        Qt::QueuedConnection);
  });
}

void RunManager::pause(int id) {
  Job* j = find(id);
  if (!j || j->info.state != JobState::kRunning) return;
  {
    std::lock_guard lock(j->mutex);
    if (!j->trainer) {
      Q_EMIT logMessage(tr("Job %1 is in SFT, which cannot pause; RL can").arg(id));
      return;
    }
    j->trainer->pause();
  }
  j->info.state = JobState::kPaused;
  Q_EMIT jobChanged(id);
  Q_EMIT logMessage(tr("Paused job %1").arg(id));
}

void RunManager::resume(int id) {
  Job* j = find(id);
  if (!j || j->info.state != JobState::kPaused) return;
  {
    std::lock_guard lock(j->mutex);
    if (j->trainer) j->trainer->resume();
  }
  j->info.state = JobState::kRunning;
  Q_EMIT jobChanged(id);
  Q_EMIT logMessage(tr("Resumed job %1").arg(id));
}

void RunManager::stop(int id) {
  Job* j = find(id);
  if (!j) return;
  if (j->info.state == JobState::kQueued) {
    j->info.state = JobState::kStopped;
    j->info.message = tr("removed from the queue");
    Q_EMIT jobChanged(id);
    Q_EMIT jobEnded(id);
    return;
  }
  if (!isActive(j->info.state)) return;
  j->stop = true;
  {
    std::lock_guard lock(j->mutex);
    if (j->trainer) j->trainer->stop();
  }
  j->info.state = JobState::kStopping;
  Q_EMIT jobChanged(id);
  Q_EMIT logMessage(tr("Stopping job %1 (a final checkpoint is written)").arg(id));
}

void RunManager::stopAll() {
  for (const auto& j : m_jobs) {
    if (j->info.state == JobState::kQueued) j->info.state = JobState::kStopped;
    j->stop = true;
    std::lock_guard lock(j->mutex);
    if (j->trainer) j->trainer->stop();
  }
  for (const auto& j : m_jobs) {
    if (j->thread.joinable()) j->thread.join();
  }
}

QList<JobInfo> RunManager::jobs() const {
  QList<JobInfo> out;
  for (const auto& j : m_jobs) out.push_back(j->info);
  return out;
}

std::optional<JobInfo> RunManager::job(int id) const {
  if (Job* j = find(id)) return j->info;
  return std::nullopt;
}

int RunManager::activeCount() const {
  int n = 0;
  for (const auto& j : m_jobs) n += isActive(j->info.state) ? 1 : 0;
  return n;
}

std::shared_ptr<const rl::TrainerSnapshot> RunManager::snapshot(int id) const {
  Job* j = find(id);
  if (!j) return nullptr;
  std::lock_guard lock(j->mutex);
  return j->trainer ? j->trainer->snapshot() : nullptr;
}

}  // namespace pirl::widgets

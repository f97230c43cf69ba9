#pragma once

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

#include "core/rl/train_config.h"

namespace pirl::rl {
struct TrainerSnapshot;
}

namespace pirl::widgets {

/// Life cycle of a launched or queued run.
enum class JobState { kQueued, kRunning, kPaused, kStopping, kFinished, kStopped, kFailed };

/// Display name of a job state.
QString jobStateName(JobState state);

/// What the GUI knows about one job (a copyable value, sent through queued signals).
struct JobInfo {
  /// Manager-local job id (not the database run id).
  int id = 0;
  /// Run name from the config.
  QString name;
  /// State.
  JobState state = JobState::kQueued;
  /// Database run id once the run exists (0 before).
  qint64 runId = 0;
  /// "sft" or "rl" while running.
  QString phase;
  /// Current epoch / iteration of the phase.
  int step = 0;
  /// Planned epochs / iterations of the phase.
  int steps = 0;
  /// Environment steps (RL).
  qint64 envSteps = 0;
  /// Seconds since the phase started.
  double seconds = 0.0;
  /// Estimated seconds left in the phase (negative: unknown).
  double etaSeconds = -1.0;
  /// Latest evaluation success, when one happened.
  std::optional<double> evalSuccess;
  /// Error or final message.
  QString message;
  /// Whether it came from the queue (one queued job runs at a time).
  bool queued = false;
};

/// Runs training jobs on background threads and reports on the GUI thread. "Launch" starts a
/// job at once; "queue" appends it to a queue whose jobs run one after another. Pause, resume
/// and stop are non-blocking; the destructor stops every job cleanly and waits for it.
class RunManager : public QObject {
  Q_OBJECT
 public:
  /// Jobs write to the project database at `dbPath`.
  explicit RunManager(QString dbPath, QObject* parent = nullptr);
  ~RunManager() override;

  /// Project database the next jobs write to.
  QString databasePath() const { return m_dbPath; }
  /// Changes the database for jobs started from now on.
  void setDatabasePath(const QString& path) { m_dbPath = path; }

  /// Starts `config` now (queue = false) or after the queued jobs before it; returns the job id.
  /// A fork (rl.init_checkpoint a checkpoint of the project) records the run and checkpoint
  /// row it came from.
  int launch(const rl::TrainConfig& config, bool queue);
  /// Starts a job that continues RL run `runId` from its newest checkpoint, or from its
  /// checkpoint of iteration `fromStep` when fromStep >= 0. With iterations > 0 the run trains
  /// to that many RL iterations instead of its stored count (it must exceed the checkpoint's).
  int resumeRun(qint64 runId, const QString& name, qint64 fromStep = -1, qint64 iterations = 0);
  /// Pauses a running RL job between chunks (SFT cannot pause).
  void pause(int job);
  /// Continues a paused job.
  void resume(int job);
  /// Stops a job cleanly (final checkpoint); a queued job is removed from the queue.
  void stop(int job);
  /// Stops every job and waits for all threads.
  void stopAll();

  /// All jobs, oldest first.
  QList<JobInfo> jobs() const;
  /// One job (empty optional for an unknown id).
  std::optional<JobInfo> job(int id) const;
  /// Jobs that are running, paused or stopping.
  int activeCount() const;
  /// The newest 3D snapshot of a running RL job (null when there is none).
  std::shared_ptr<const rl::TrainerSnapshot> snapshot(int job) const;

 Q_SIGNALS:
  /// A job was added.
  void jobAdded(int job);
  /// A job's state or progress changed.
  void jobChanged(int job);
  /// A job's run exists in the database.
  void runCreated(int job, qint64 runId);
  /// An RL iteration or SFT epoch was committed to the database.
  void runProgressed(int job, qint64 runId);
  /// A job ended (finished, stopped or failed).
  void jobEnded(int job);
  /// A line for the log view.
  void logMessage(const QString& line);

 private:
  struct Job;
  Job* find(int id) const;
  void start(Job& job);
  void startNextQueued();
  void post(int job, std::function<void(JobInfo&)> update, bool progressed = false);

  QString m_dbPath;
  int m_nextId = 1;
  std::vector<std::unique_ptr<Job>> m_jobs;
};

}  // namespace pirl::widgets

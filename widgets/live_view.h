#pragma once

#include <QWidget>

#include <map>
#include <memory>
#include <string>

class QComboBox;
class QCheckBox;
class QLabel;
class QSpinBox;
class QTimer;

namespace pirl::sim {
class TaskModel;
}
namespace pirl::rl {
struct TrainerSnapshot;
}

namespace pirl::widgets {

class RunManager;
class VtkView;

/// The live 3D view of a training run: the latest rollout state of one environment from the
/// trainer's snapshot, and optionally the denoising chain of its last decision. It polls the
/// snapshot 10 times a second and renders only when a new snapshot arrived, and only as often
/// as keeps its rendering under kCpuShare of one core (software GL competes with training).
class LiveView : public QWidget {
  Q_OBJECT
 public:
  explicit LiveView(RunManager* manager, QWidget* parent = nullptr);
  ~LiveView() override;

  /// Follows job `job`.
  void setJob(int job);
  /// Job followed (0: none).
  int job() const { return m_job; }
  /// Largest share of one CPU core the view spends rendering while a run trains.
  static constexpr double kCpuShare = 0.06;

  /// Shows environment `index` of the snapshot.
  void setEnvironment(int index);
  /// The 3D view.
  VtkView* view() const { return m_view; }
  /// Snapshots drawn so far.
  int snapshotsShown() const { return m_shown; }
  /// Milliseconds spent drawing snapshots so far (state, overlay, render, read-back, paint).
  double drawingMs() const { return m_drawingMs; }
  /// Pulls the snapshot now (the timer does this every 100 ms while visible).
  void poll();

 private:
  void refreshJobs();
  RunManager* m_manager;
  int m_job = 0;
  int m_env = 0;
  int m_shown = 0;
  double m_lastFrameMs = 0.0;
  double m_drawingMs = 0.0;
  qint64 m_lastFrameAt = 0;
  std::shared_ptr<const rl::TrainerSnapshot> m_last;
  std::string m_task;
  std::map<std::string, std::shared_ptr<const sim::TaskModel>> m_models;
  VtkView* m_view = nullptr;
  QComboBox* m_jobs = nullptr;
  QSpinBox* m_envSpin = nullptr;
  QCheckBox* m_chain = nullptr;
  QLabel* m_info = nullptr;
  QTimer* m_timer = nullptr;
};

}  // namespace pirl::widgets

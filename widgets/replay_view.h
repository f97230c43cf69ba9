#pragma once

#include <QWidget>

#include <memory>
#include <vector>

#include "core/storage/database.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace pirl::sim {
class TaskModel;
}

namespace pirl::widgets {

class VtkView;

/// Replays episodes stored in the project database: pick an iteration and an episode, scrub
/// the timeline or play it (pause, step, speed), with per-step plots of the sparse reward
/// (recomputed from the stored states), the critic's value (from the run's checkpoint at or
/// before that iteration) and the chunk boundaries, synced to the 3D scene.
class ReplayView : public QWidget {
  Q_OBJECT
 public:
  explicit ReplayView(QWidget* parent = nullptr);
  ~ReplayView() override;

  /// Reads episodes from `db` (not owned; may be null).
  void setDatabase(storage::Database* db);
  /// Opens run `runId` at the recorded iteration nearest to `step`; false when the run has no
  /// recorded episodes.
  bool open(qint64 runId, qint64 step);
  /// Shows episode `index` of the open iteration.
  void setEpisode(int index);
  /// Moves to frame `frame` (0 = the reset state).
  void setFrame(int frame);
  /// Current frame.
  int frame() const { return m_frame; }
  /// Frames of the open episode (length + 1).
  int frameCount() const;
  /// The open episode (null when none).
  const storage::EpisodeRecord* episode() const;
  /// The state the scene shows now, read back from its simulation data (empty when the scene
  /// does not show the open episode's task).
  std::vector<float> shownState() const;
  /// Per-step values of the open episode (empty when no checkpoint could be evaluated).
  const std::vector<float>& values() const { return m_values; }
  /// Per-step rewards of the open episode.
  const std::vector<double>& rewards() const { return m_rewards; }
  /// Starts or pauses playback.
  void setPlaying(bool on);
  /// The 3D view.
  VtkView* view() const { return m_view; }

 Q_SIGNALS:
  /// The shown frame changed.
  void frameChanged(const QString& task, int frame);
  /// The user asked to inspect the policy's denoising at the shown frame.
  void inspectRequested(qint64 runId, qint64 step, const QString& task,
                        const std::vector<float>& state);

 private:
  void loadSteps();
  void updatePlot();
  /// Whether the 3D scene holds the open episode's task (false after its scene failed).
  bool sceneShowsEpisode() const;
  storage::Database* m_db = nullptr;
  qint64 m_run = 0;
  int m_chunk = 1;
  std::vector<std::int64_t> m_steps;
  std::vector<storage::EpisodeRecord> m_episodes;
  int m_episode = -1;
  int m_frame = 0;
  std::vector<double> m_rewards;
  std::vector<float> m_values;
  std::shared_ptr<const sim::TaskModel> m_taskModel;
  VtkView* m_view = nullptr;
  QComboBox* m_stepCombo = nullptr;
  QComboBox* m_episodeCombo = nullptr;
  QSlider* m_slider = nullptr;
  QToolButton* m_play = nullptr;
  QComboBox* m_speed = nullptr;
  QLabel* m_info = nullptr;
  QCustomPlot* m_plot = nullptr;
  QTimer* m_timer = nullptr;
};

}  // namespace pirl::widgets

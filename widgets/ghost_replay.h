#pragma once

#include <QWidget>

#include <memory>
#include <string>
#include <vector>

class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace pirl::sim {
class TaskModel;
}

namespace pirl::widgets {

class VtkView;

/// Two rollouts of the same episode (same task and seed) replayed together: the first policy's
/// robot opaque, the second's as a translucent blue ghost, with the first step where their
/// states diverge marked on the timeline.
class GhostReplay : public QWidget {
  Q_OBJECT
 public:
  /// Joint-space distance (radians or metres, max over qpos) above which two states diverge.
  static constexpr double kDivergence = 1e-3;

  explicit GhostReplay(QWidget* parent = nullptr);
  ~GhostReplay() override;

  /// Shows `task` with rollouts `a` (opaque) and `b` (ghost), [frames, stateDim] each.
  /// Returns an error message or empty.
  QString setRollouts(const std::string& task, const std::vector<float>& a,
                      const std::vector<float>& b, int stateDim, const QString& titleA,
                      const QString& titleB);
  /// First frame whose qpos differ by more than kDivergence (-1: never).
  int divergence() const { return m_divergence; }
  /// Moves to frame `frame`.
  void setFrame(int frame);
  /// Current frame.
  int frame() const { return m_frame; }
  /// Frames (the longer rollout's).
  int frameCount() const;
  /// The view.
  VtkView* view() const { return m_view; }

 private:
  std::shared_ptr<const sim::TaskModel> m_taskModel;
  std::vector<float> m_a, m_b;
  int m_dim = 0;
  int m_frame = -1;
  int m_divergence = -1;
  VtkView* m_view = nullptr;
  QSlider* m_slider = nullptr;
  QToolButton* m_play = nullptr;
  QLabel* m_info = nullptr;
  QTimer* m_timer = nullptr;
};

}  // namespace pirl::widgets

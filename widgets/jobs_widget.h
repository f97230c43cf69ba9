#pragma once

#include <QWidget>

class QTableWidget;
class QToolButton;

namespace pirl::widgets {

class RunManager;

/// Launched and queued runs with a progress bar and ETA each, and pause / resume / stop for
/// the selected one.
class JobsWidget : public QWidget {
  Q_OBJECT
 public:
  explicit JobsWidget(RunManager* manager, QWidget* parent = nullptr);

  /// Job id of the selected row (0 for none).
  int selectedJob() const;
  /// Pauses the selected job.
  void pauseSelected();
  /// Resumes the selected job.
  void resumeSelected();
  /// Stops the selected job (or removes it from the queue).
  void stopSelected();
  /// The table (for tests).
  QTableWidget* table() const { return m_table; }

 private:
  void updateJob(int job);
  void updateButtons();
  RunManager* m_manager;
  QTableWidget* m_table = nullptr;
  QToolButton* m_pause = nullptr;
  QToolButton* m_resume = nullptr;
  QToolButton* m_stop = nullptr;
};

/// Formats an ETA in seconds ("—" when unknown).
QString formatEta(double seconds);

}  // namespace pirl::widgets

#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTimer;

namespace pirl::storage {
class Database;
}

namespace pirl::widgets {

class CheckpointBrowser;
class DenoiseView;
class JobsWidget;
class LauncherWidget;
class LiveView;
class ReplayView;
class MetricsWidget;
class RunManager;
class RunsWidget;

/// The PiRL Studio window. It only composes docks (launcher, runs, jobs, log) around the
/// metrics chart, wires them together, and owns the GUI's database connection and the run
/// manager. The layout, theme and last database are restored from QSettings.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  /// Opens the project database at `dbPath` (created when missing).
  explicit MainWindow(const QString& dbPath, QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Switches to another project database; on error shows it and keeps the current one.
  bool openDatabase(const QString& path);
  /// Path of the open database.
  QString databasePath() const { return m_dbPath; }

  /// The run manager.
  RunManager* runManager() const { return m_manager; }
  /// The launcher dock's widget.
  LauncherWidget* launcher() const { return m_launcher; }
  /// The runs dock's widget.
  RunsWidget* runs() const { return m_runs; }
  /// The metrics chart.
  MetricsWidget* metrics() const { return m_metrics; }
  /// The jobs dock's widget.
  JobsWidget* jobs() const { return m_jobs; }
  /// The live 3D view.
  LiveView* live() const { return m_live; }
  /// The episode replay.
  ReplayView* replay() const { return m_replay; }
  /// The denoising view.
  DenoiseView* denoise() const { return m_denoise; }
  /// The checkpoint browser.
  CheckpointBrowser* checkpoints() const { return m_checkpoints; }
  /// The central tabs (Metrics, Live, Replay, Denoising).
  QTabWidget* tabs() const { return m_tabs; }

  /// Writes PNGs of the window and of each view (main, launcher, runs, metrics, jobs, log and,
  /// with two or more runs selected, the config comparison) into `dir`; returns the files.
  QStringList writeScreenshots(const QString& dir);

  /// Applies a theme: "system", "light" or "dark".
  void applyTheme(const QString& theme);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void attachViews(storage::Database* db, const QString& path);
  void updateStatus();
  void log(const QString& line);

  QString m_dbPath;
  std::unique_ptr<storage::Database> m_db;
  RunManager* m_manager = nullptr;
  LauncherWidget* m_launcher = nullptr;
  RunsWidget* m_runs = nullptr;
  MetricsWidget* m_metrics = nullptr;
  JobsWidget* m_jobs = nullptr;
  LiveView* m_live = nullptr;
  ReplayView* m_replay = nullptr;
  DenoiseView* m_denoise = nullptr;
  CheckpointBrowser* m_checkpoints = nullptr;
  QTabWidget* m_tabs = nullptr;
  QPlainTextEdit* m_log = nullptr;
  QLabel* m_deviceLabel = nullptr;
  QLabel* m_runningLabel = nullptr;
  QLabel* m_dbLabel = nullptr;
  QTimer* m_refresh = nullptr;
  QByteArray m_defaultState;
};

}  // namespace pirl::widgets

#pragma once

#include <QWidget>

#include <map>
#include <optional>
#include <thread>

#include "core/rl/train_config.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QDoubleSpinBox;
class QSpinBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace pirl::storage {
class Database;
}

namespace pirl::widgets {

/// The checkpoint browser: a tree of runs and their checkpoints (step, environment steps,
/// stored in-distribution and OOD evaluation success, size, creation time, integrity by
/// SHA-256, lineage of forked runs) with actions: evaluate (in the background; results stored
/// per task and variant), resume the run from a checkpoint, fork a new run from it (the
/// launcher opens prefilled), compare two checkpoints on the same seeds, average several into
/// a new run, export as TorchScript, and delete (rows and files together).
class CheckpointBrowser : public QWidget {
  Q_OBJECT
 public:
  explicit CheckpointBrowser(QWidget* parent = nullptr);
  ~CheckpointBrowser() override;

  /// Shows the database `db` (not owned; may be null) stored at `dbPath`.
  void setDatabase(storage::Database* db, const QString& dbPath);
  /// Re-reads runs and checkpoints.
  void refresh();
  /// The tree.
  QTreeWidget* tree() const { return m_tree; }
  /// Selects the checkpoint row `id`.
  void selectCheckpoint(qint64 id);
  /// Shows only runs whose name, status or lineage contains `text` (and their checkpoints).
  void setFilter(const QString& text);
  /// Adds checkpoint row `id` to the selection.
  void checkpointItemSelect(qint64 id);
  /// Selected checkpoint row ids, in tree order.
  QList<qint64> selectedCheckpoints() const;
  /// Integrity of checkpoint row `id`: empty when its files verify, else the problem.
  QString integrity(qint64 id);
  /// Evaluates the selected checkpoint in the background (`episodes` per task, OOD variants
  /// too when `ood`; `initNoiseScale` overrides the run's eval.init_noise_scale, and a result
  /// under another scale than the run's is shown but not stored); false when nothing is
  /// selected or an evaluation is running.
  bool evaluateSelected(int episodes, bool ood,
                        std::optional<double> initNoiseScale = std::nullopt);
  /// The x_0 scale chosen in the tool bar, or none for the run's own.
  std::optional<double> initNoiseScale() const;
  /// Sets the tool bar's x_0 scale (none: the run's own).
  void setInitNoiseScale(std::optional<double> scale);
  /// True while an evaluation runs.
  bool busy() const { return m_worker.joinable(); }
  /// Exports the selected checkpoint into `dir`; returns an error message or empty.
  QString exportSelected(const QString& dir);
  /// Averages the networks of the selected checkpoints (two or more of one run) into a new run
  /// (session::averageRun) and selects its checkpoint; returns an error message or empty.
  QString averageSelected();
  /// Deletes the selected checkpoints (rows, evaluations and files); `confirm` asks first.
  QString deleteSelected(bool confirm);
  /// Evaluates two selected checkpoints on the same seeds and shows a side-by-side table;
  /// returns an error message or empty.
  QString compareSelected(int episodes, std::optional<double> initNoiseScale = std::nullopt);

 Q_SIGNALS:
  /// An evaluation finished (ok or not) and its results are stored.
  void evaluationFinished(qint64 checkpoint, bool ok, const QString& message);
  /// Resume run `runId` from its checkpoint of iteration `step`.
  void resumeRequested(qint64 runId, const QString& name, qint64 step);
  /// Fork run `runId`: launch `config` (baseline: the parent run's config), whose
  /// rl.init_checkpoint names the selected checkpoint.
  void forkRequested(const pirl::rl::TrainConfig& config, const pirl::rl::TrainConfig& baseline,
                     qint64 runId);
  /// A line for the log.
  void message(const QString& text);

 private:
  QTreeWidgetItem* checkpointItem(qint64 id) const;
  void fillIntegrity(QTreeWidgetItem* runItem);
  storage::Database* m_db = nullptr;
  QString m_dbPath;
  QTreeWidget* m_tree = nullptr;
  QSpinBox* m_episodes = nullptr;
  QDoubleSpinBox* m_initNoise = nullptr;
  QLineEdit* m_filter = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  std::thread m_worker;
  std::map<qint64, QString> m_integrity;
};

}  // namespace pirl::widgets

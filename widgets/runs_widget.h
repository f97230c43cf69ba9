#pragma once

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace pirl::storage {
class Database;
}

namespace pirl::widgets {

class RunsModel;

/// The runs table with search, status filter, sorting, inline rename/tags/notes, deletion (with
/// confirmation, rows and files together), resume, training a run further (to more RL
/// iterations), and a config diff of the selected runs.
class RunsWidget : public QWidget {
  Q_OBJECT
 public:
  explicit RunsWidget(QWidget* parent = nullptr);

  /// Shows the runs of `db` (not owned; may be null).
  void setDatabase(storage::Database* db);
  /// The model (for tests).
  RunsModel* model() const { return m_model; }
  /// The view.
  QTableView* view() const { return m_view; }
  /// Ids of the selected runs, in view order.
  QList<qint64> selectedRuns() const;
  /// Selects the given runs.
  void selectRuns(const QList<qint64>& ids);
  /// Sets the search text (matches any column).
  void setSearch(const QString& text);
  /// Opens the config comparison of the selected runs.
  void compareSelected();
  /// Asks for confirmation, then deletes the selected runs (rows and files).
  void deleteSelected();
  /// Trains the one selected RL run (not live) further, to `iterations` RL iterations in all,
  /// from its newest checkpoint; 0 asks the user. Returns why nothing was requested (empty when
  /// trainFurtherRequested was emitted or the user cancelled).
  QString trainFurther(int iterations = 0);

 public Q_SLOTS:
  /// Re-reads the database.
  void refresh();

 Q_SIGNALS:
  /// The selection changed.
  void selectionChanged(const QList<qint64>& runs);
  /// The user asked to replay a run's recorded episodes.
  void replayRequested(qint64 runId);
  /// The user asked to resume an RL run.
  void resumeRequested(qint64 runId, const QString& name);
  /// The user asked to train an RL run further, to `iterations` RL iterations in all.
  void trainFurtherRequested(qint64 runId, const QString& name, qint64 iterations);
  /// A message for the status bar / log.
  void message(const QString& text);

 private:
  storage::Database* m_db = nullptr;
  RunsModel* m_model = nullptr;
  QSortFilterProxyModel* m_proxy = nullptr;
  QTableView* m_view = nullptr;
  QLineEdit* m_search = nullptr;
  QComboBox* m_status = nullptr;
};

}  // namespace pirl::widgets

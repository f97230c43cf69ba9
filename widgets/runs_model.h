#pragma once

#include <QAbstractTableModel>

#include <vector>

#include "core/storage/database.h"

namespace pirl::widgets {

/// The runs of a project database as a table: id, name, status, algorithm, tasks, best and
/// last evaluation success, environment steps, duration, tags and notes. Name, tags and notes
/// are editable (written to the database at once). refresh() re-reads the database and
/// updates rows in place when the set of runs is unchanged, so views keep their selection.
class RunsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  /// Columns.
  enum Column {
    kId,
    kName,
    kStatus,
    kAlgorithm,
    kTasks,
    kBestSuccess,
    kLastSuccess,
    kEnvSteps,
    kDuration,
    kTags,
    kNotes,
    kColumnCount
  };
  /// Role with the raw value for sorting (numbers as numbers).
  static constexpr int kSortRole = Qt::UserRole + 1;
  /// Role with the run id of a row.
  static constexpr int kRunIdRole = Qt::UserRole + 2;

  explicit RunsModel(QObject* parent = nullptr);

  /// Reads from `db` (not owned; may be null to show nothing).
  void setDatabase(storage::Database* db);
  /// Re-reads runs and their progress; returns false (and keeps the rows) on a read error.
  bool refresh();
  /// Last error message of refresh() or an edit.
  QString lastError() const { return m_error; }

  /// The run shown in `row`.
  const storage::RunRecord& run(int row) const { return m_rows[row].run; }
  /// Row of run `id`, -1 if absent.
  int rowOfRun(qint64 id) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

 private:
  struct Row {
    storage::RunRecord run;
    storage::RunSummary summary;
  };
  storage::Database* m_db = nullptr;
  std::vector<Row> m_rows;
  QString m_error;
};

/// Formats seconds as h:mm:ss (m:ss under an hour).
QString formatDuration(double seconds);

/// Deletes runs with their rows and files: each run's folder is first renamed aside, the rows
/// are deleted in one transaction, then the folder is removed; a failed delete renames the
/// folder back, so the database and the files stay consistent.
Status deleteRuns(storage::Database& db, const std::vector<qint64>& ids);

}  // namespace pirl::widgets

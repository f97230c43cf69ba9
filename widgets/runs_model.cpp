#include "widgets/runs_model.h"

#include <QLocale>

#include <cmath>
#include <map>

#include "core/common/file_util.h"

namespace pirl::widgets {

QString formatDuration(double seconds) {
  const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  const long long h = total / 3600, m = (total / 60) % 60, s = total % 60;
  if (h > 0) {
    return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QChar('0')).arg(s, 2, 10, QChar('0'));
  }
  return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QChar('0'));
}

RunsModel::RunsModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunsModel::setDatabase(storage::Database* db) {
  beginResetModel();
  m_db = db;
  m_rows.clear();
  endResetModel();
  refresh();
}

bool RunsModel::refresh() {
  if (!m_db) return true;
  auto runs = m_db->runs();
  auto summaries = m_db->runSummaries();
  if (!runs || !summaries) {
    m_error = QString::fromStdString(!runs ? runs.error().message : summaries.error().message);
    return false;
  }
  std::map<std::int64_t, storage::RunSummary> byId;
  for (const auto& sum : summaries.value()) byId[sum.run] = sum;
  std::vector<Row> rows;
  rows.reserve(runs->size());
  for (const auto& run : runs.value()) {
    Row r{run, {}};
    if (auto it = byId.find(run.id); it != byId.end()) r.summary = it->second;
    rows.push_back(std::move(r));
  }
  bool sameRuns = rows.size() == m_rows.size();
  for (size_t i = 0; sameRuns && i < rows.size(); ++i) {
    sameRuns = rows[i].run.id == m_rows[i].run.id;
  }
  if (sameRuns) {
    m_rows = std::move(rows);
    if (!m_rows.empty()) {
      Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, kColumnCount - 1));
    }
  } else {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
  }
  m_error.clear();
  return true;
}

int RunsModel::rowOfRun(qint64 id) const {
  for (size_t i = 0; i < m_rows.size(); ++i) {
    if (m_rows[i].run.id == id) return static_cast<int>(i);
  }
  return -1;
}

int RunsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RunsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumnCount;
}

namespace {

QString percent(const std::optional<double>& v) {
  return v ? QLocale().toString(*v * 100.0, 'f', 1) + QLatin1Char('%') : QString();
}

QString statusName(const std::string& status) {
  if (status == "running") return RunsModel::tr("running");
  if (status == "paused") return RunsModel::tr("paused");
  if (status == "finished") return RunsModel::tr("finished");
  if (status == "stopped") return RunsModel::tr("stopped");
  if (status == "failed") return RunsModel::tr("failed");
  return QString::fromStdString(status);
}

QString algorithmOf(const storage::RunRecord& r) {
  if (r.stage == "sft") return RunsModel::tr("SFT");
  QString a = QString::fromStdString(r.algorithm);
  if (r.stage == "sft_rl") a = RunsModel::tr("SFT → %1").arg(a);
  return a;
}

}  // namespace

QVariant RunsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const Row& row = m_rows[index.row()];
  const auto& r = row.run;
  const auto& s = row.summary;
  if (role == kRunIdRole) return QVariant::fromValue<qint64>(r.id);
  if (role == kSortRole) {
    switch (index.column()) {
      case kId:
        return QVariant::fromValue<qint64>(r.id);
      case kBestSuccess:
        return s.bestSuccess ? *s.bestSuccess : -1.0;
      case kLastSuccess:
        return s.lastSuccess ? *s.lastSuccess : -1.0;
      case kEnvSteps:
        return QVariant::fromValue<qint64>(s.envSteps);
      case kDuration:
        return s.wallTime;
      default:
        return data(index, Qt::DisplayRole).toString().toLower();
    }
  }
  if (role == Qt::TextAlignmentRole) {
    switch (index.column()) {
      case kId:
      case kBestSuccess:
      case kLastSuccess:
      case kEnvSteps:
      case kDuration:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
      default:
        return {};
    }
  }
  if (role == Qt::ToolTipRole && index.column() == kName) {
    return tr("Started %1 on %2, seed %3")
        .arg(QString::fromStdString(r.startedAt), QString::fromStdString(r.device))
        .arg(r.seed);
  }
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  switch (index.column()) {
    case kId:
      return QVariant::fromValue<qint64>(r.id);
    case kName:
      return QString::fromStdString(r.name);
    case kStatus:
      return statusName(r.status);
    case kAlgorithm:
      return algorithmOf(r);
    case kTasks:
      return QString::fromStdString(r.tasks);
    case kBestSuccess:
      return percent(s.bestSuccess);
    case kLastSuccess:
      return percent(s.lastSuccess);
    case kEnvSteps:
      return s.envSteps > 0 ? QLocale().toString(static_cast<qlonglong>(s.envSteps)) : QString();
    case kDuration:
      return s.wallTime > 0 ? formatDuration(s.wallTime) : QString();
    case kTags:
      return QString::fromStdString(r.tags);
    case kNotes:
      return QString::fromStdString(r.notes);
    default:
      return {};
  }
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case kId:
      return tr("ID");
    case kName:
      return tr("Name");
    case kStatus:
      return tr("Status");
    case kAlgorithm:
      return tr("Algorithm");
    case kTasks:
      return tr("Tasks");
    case kBestSuccess:
      return tr("Best success");
    case kLastSuccess:
      return tr("Last success");
    case kEnvSteps:
      return tr("Env steps");
    case kDuration:
      return tr("Duration");
    case kTags:
      return tr("Tags");
    case kNotes:
      return tr("Notes");
    default:
      return {};
  }
}

Qt::ItemFlags RunsModel::flags(const QModelIndex& index) const {
  Qt::ItemFlags f = QAbstractTableModel::flags(index);
  if (index.isValid() &&
      (index.column() == kName || index.column() == kTags || index.column() == kNotes)) {
    f |= Qt::ItemIsEditable;
  }
  return f;
}

bool RunsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!m_db || !index.isValid() || role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable)) {
    return false;
  }
  auto& r = m_rows[index.row()].run;
  const std::string text = value.toString().trimmed().toStdString();
  Status s;
  if (index.column() == kName) {
    if (text.empty()) {
      m_error = tr("A run name cannot be empty.");
      return false;
    }
    s = m_db->renameRun(r.id, text);
    if (s) r.name = text;
  } else {
    const std::string tags = index.column() == kTags ? text : r.tags;
    const std::string notes = index.column() == kNotes ? text : r.notes;
    s = m_db->setRunTagsNotes(r.id, tags, notes);
    if (s) {
      r.tags = tags;
      r.notes = notes;
    }
  }
  if (!s) {
    m_error = QString::fromStdString(s.error().message);
    return false;
  }
  Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
  return true;
}

Status deleteRuns(storage::Database& db, const std::vector<qint64>& ids) {
  for (qint64 id : ids) {
    auto run = db.run(id);
    if (!run) return run.error();
    if (auto s = removeTreeWith(run->runDir, [&] { return db.deleteRun(id); }); !s) return s;
  }
  return {};
}

}  // namespace pirl::widgets

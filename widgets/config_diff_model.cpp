#include "widgets/config_diff_model.h"

#include <QFont>

#include <map>

namespace pirl::widgets {

std::vector<std::pair<std::string, std::string>> flattenConfig(rl::TrainConfig& config) {
  std::vector<std::pair<std::string, std::string>> out;
  const OptionSet options = config.options();
  for (const auto& info : options.options())
    out.emplace_back(info.key, options.valueText(info.key));
  return out;
}

QStringList differingKeys(rl::TrainConfig& a, rl::TrainConfig& b) {
  const auto fa = flattenConfig(a);
  const auto fb = flattenConfig(b);
  QStringList keys;
  for (size_t i = 0; i < fa.size() && i < fb.size(); ++i) {
    if (fa[i].second != fb[i].second) keys << QString::fromStdString(fa[i].first);
  }
  return keys;
}

ConfigDiffModel::ConfigDiffModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConfigDiffModel::setConfigs(const std::vector<std::pair<QString, std::string>>& configs) {
  beginResetModel();
  m_titles.clear();
  m_all.clear();
  rl::TrainConfig reference;
  const OptionSet referenceOptions = reference.options();
  std::map<std::string, size_t> rowOf;
  for (const auto& info : referenceOptions.options()) {
    rowOf[info.key] = m_all.size();
    m_all.push_back(
        {QString::fromStdString(info.key), QString::fromStdString(info.doc), {}, false});
  }
  for (const auto& [title, yaml] : configs) {
    m_titles << title;
    auto parsed = rl::parseTrainConfig(yaml, title.toStdString());
    if (!parsed) {
      const QString error =
          tr("unreadable: %1").arg(QString::fromStdString(parsed.error().message));
      for (auto& row : m_all) row.values << error;
      continue;
    }
    for (const auto& [key, value] : flattenConfig(parsed.value())) {
      m_all[rowOf.at(key)].values << QString::fromStdString(value);
    }
  }
  for (auto& row : m_all) {
    row.differs = false;
    for (const QString& v : row.values) row.differs = row.differs || v != row.values.front();
  }
  rebuild();
  endResetModel();
}

void ConfigDiffModel::rebuild() {
  m_shown.clear();
  for (const auto& row : m_all) {
    if (!m_differencesOnly || row.differs) m_shown.push_back(&row);
  }
}

void ConfigDiffModel::setDifferencesOnly(bool on) {
  if (on == m_differencesOnly) return;
  beginResetModel();
  m_differencesOnly = on;
  rebuild();
  endResetModel();
}

int ConfigDiffModel::differenceCount() const {
  int n = 0;
  for (const auto& row : m_all) n += row.differs ? 1 : 0;
  return n;
}

int ConfigDiffModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
}

int ConfigDiffModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_titles.size()) + 1;
}

QVariant ConfigDiffModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const Row& row = *m_shown[index.row()];
  if (role == Qt::ToolTipRole) return row.doc;
  if (index.column() == 0) return role == Qt::DisplayRole ? QVariant(row.key) : QVariant();
  const int c = index.column() - 1;
  if (c >= row.values.size()) return {};
  if (role == Qt::DisplayRole) return row.values[c];
  if (role == Qt::FontRole && row.values[c] != row.values.front()) {
    QFont f;
    f.setBold(true);
    return f;
  }
  return {};
}

QVariant ConfigDiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  if (section == 0) return tr("Option");
  return section - 1 < m_titles.size() ? QVariant(m_titles[section - 1]) : QVariant();
}

}  // namespace pirl::widgets

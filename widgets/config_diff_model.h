#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <string>
#include <utility>
#include <vector>

#include "core/rl/train_config.h"

namespace pirl::widgets {

/// Every option of a config as (dotted key, value as YAML text), in documentation order.
std::vector<std::pair<std::string, std::string>> flattenConfig(rl::TrainConfig& config);

/// Keys whose values differ between two configs, in documentation order.
QStringList differingKeys(rl::TrainConfig& a, rl::TrainConfig& b);

/// Side-by-side options of several run configs: one row per option, one column per config
/// after the key column. With differencesOnly, only options whose values are not all equal are
/// listed. Cells that differ from the first config are marked (bold) for views.
class ConfigDiffModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  explicit ConfigDiffModel(QObject* parent = nullptr);

  /// Sets the configs to compare: (column title, full config YAML). An unreadable config shows
  /// its error in every cell of its column.
  void setConfigs(const std::vector<std::pair<QString, std::string>>& configs);
  /// Shows only differing options (true) or all of them.
  void setDifferencesOnly(bool on);
  /// Whether only differing options are shown.
  bool differencesOnly() const { return m_differencesOnly; }
  /// Number of options whose values differ.
  int differenceCount() const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  struct Row {
    QString key;
    QString doc;
    QStringList values;
    bool differs = false;
  };
  void rebuild();
  std::vector<Row> m_all;
  std::vector<const Row*> m_shown;
  QStringList m_titles;
  bool m_differencesOnly = true;
};

}  // namespace pirl::widgets

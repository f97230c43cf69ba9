#include "widgets/runs_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/rl/train_config.h"
#include "core/storage/database.h"
#include "widgets/config_diff_model.h"
#include "widgets/runs_model.h"

namespace pirl::widgets {

namespace {

// search across every column plus an exact status filter
class RunsFilter : public QSortFilterProxyModel {
 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void setStatus(const QString& status) {
    m_status = status;
    invalidateFilter();
  }
  void setText(const QString& text) {
    m_text = text;
    invalidateFilter();
  }

 protected:
  bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
    if (!m_status.isEmpty()) {
      // compare the stored status, not its translation
      const auto* model = static_cast<const RunsModel*>(sourceModel());
      if (QString::fromStdString(model->run(row).status) != m_status) return false;
    }
    const QString& text = m_text;
    if (text.isEmpty()) return true;
    for (int c = 0; c < sourceModel()->columnCount(); ++c) {
      if (sourceModel()
              ->index(row, c, parent)
              .data()
              .toString()
              .contains(text, Qt::CaseInsensitive)) {
        return true;
      }
    }
    return false;
  }

 private:
  QString m_status;
  QString m_text;
};

}  // namespace

RunsWidget::RunsWidget(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  m_search = new QLineEdit;
  m_search->setPlaceholderText(tr("Search runs (name, task, tags, notes…)"));
  m_search->setClearButtonEnabled(true);
  bar->addWidget(m_search, 1);
  m_status = new QComboBox;
  m_status->addItem(tr("All statuses"), QString());
  const std::pair<const char*, QString> statuses[] = {{"running", tr("running")},
                                                      {"paused", tr("paused")},
                                                      {"finished", tr("finished")},
                                                      {"stopped", tr("stopped")},
                                                      {"failed", tr("failed")}};
  for (const auto& [key, label] : statuses) m_status->addItem(label, QString::fromLatin1(key));
  bar->addWidget(m_status);
  auto* compare = new QToolButton;
  compare->setText(tr("Compare configs"));
  compare->setToolTip(tr("Show the configs of the selected runs side by side"));
  bar->addWidget(compare);
  auto* resume = new QToolButton;
  resume->setText(tr("Resume"));
  resume->setToolTip(tr("Continue the selected RL run from its newest checkpoint"));
  bar->addWidget(resume);
  auto* further = new QToolButton;
  further->setText(tr("Train further…"));
  further->setToolTip(
      tr("Continue the selected stopped or finished RL run to more iterations, in the same run"));
  bar->addWidget(further);
  auto* remove = new QToolButton;
  remove->setText(tr("Delete…"));
  remove->setToolTip(tr("Delete the selected runs with their metrics and files"));
  bar->addWidget(remove);
  layout->addLayout(bar);

  m_model = new RunsModel(this);
  auto* filter = new RunsFilter(this);
  m_proxy = filter;
  m_proxy->setSourceModel(m_model);
  m_proxy->setSortRole(RunsModel::kSortRole);
  m_view = new QTableView;
  m_view->setModel(m_proxy);
  m_view->setSortingEnabled(true);
  m_view->sortByColumn(RunsModel::kId, Qt::DescendingOrder);
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
  m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  m_view->verticalHeader()->hide();
  m_view->horizontalHeader()->setStretchLastSection(true);
  m_view->setContextMenuPolicy(Qt::CustomContextMenu);
  layout->addWidget(m_view, 1);

  connect(m_search, &QLineEdit::textChanged, this, &RunsWidget::setSearch);
  connect(m_status, &QComboBox::currentIndexChanged, this,
          [this, filter](int) { filter->setStatus(m_status->currentData().toString()); });
  connect(compare, &QToolButton::clicked, this, &RunsWidget::compareSelected);
  connect(remove, &QToolButton::clicked, this, &RunsWidget::deleteSelected);
  auto resumeSelected = [this]() {
    for (qint64 id : selectedRuns()) {
      const int row = m_model->rowOfRun(id);
      if (row < 0) continue;
      const auto& r = m_model->run(row);
      if (r.stage == "sft" || r.live() || r.status == "finished") {
        Q_EMIT message(tr("Run %1 cannot be resumed (%2 %3 run)")
                           .arg(id)
                           .arg(QString::fromStdString(r.status), QString::fromStdString(r.stage)) +
                       (r.status == "finished" ? tr("; train it further to more iterations instead")
                                               : QString()));
        continue;
      }
      Q_EMIT resumeRequested(id, QString::fromStdString(r.name));
    }
  };
  connect(resume, &QToolButton::clicked, this, resumeSelected);
  auto trainFurtherSelected = [this]() {
    const QString error = trainFurther();
    if (!error.isEmpty()) Q_EMIT message(error);
  };
  connect(further, &QToolButton::clicked, this, trainFurtherSelected);
  connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          [this]() { Q_EMIT selectionChanged(selectedRuns()); });
  connect(m_model, &QAbstractItemModel::modelReset, this,
          [this]() { Q_EMIT selectionChanged(selectedRuns()); });
  connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    // double-clicking a read-only cell opens the run's newest recorded episodes
    if (!(index.flags() & Qt::ItemIsEditable)) {
      Q_EMIT replayRequested(index.data(RunsModel::kRunIdRole).toLongLong());
    }
  });
  connect(m_view, &QTableView::customContextMenuRequested, this,
          [this, resumeSelected, trainFurtherSelected](const QPoint& pos) {
            QMenu menu;
            menu.addAction(tr("Compare configs"), this, &RunsWidget::compareSelected);
            menu.addAction(tr("Resume"), this, resumeSelected);
            menu.addAction(tr("Train further…"), this, trainFurtherSelected);
            menu.addAction(tr("Replay episodes"), this, [this]() {
              const auto runs = selectedRuns();
              if (!runs.isEmpty()) Q_EMIT replayRequested(runs.front());
            });
            menu.addSeparator();
            menu.addAction(tr("Delete…"), this, &RunsWidget::deleteSelected);
            menu.exec(m_view->viewport()->mapToGlobal(pos));
          });
  connect(m_model, &QAbstractItemModel::dataChanged, this, [this]() {
    if (!m_model->lastError().isEmpty()) Q_EMIT message(m_model->lastError());
  });
}

QString RunsWidget::trainFurther(int iterations) {
  const QList<qint64> ids = selectedRuns();
  if (ids.size() != 1) return tr("Select one RL run to train further");
  const int row = m_model->rowOfRun(ids.front());
  if (row < 0) return tr("Run %1 is no longer in the table").arg(ids.front());
  const storage::RunRecord& r = m_model->run(row);
  if (r.stage == "sft" || r.live()) {
    return tr("Run %1 cannot be trained further (%2 %3 run)")
        .arg(r.id)
        .arg(QString::fromStdString(r.status), QString::fromStdString(r.stage));
  }
  auto config = rl::parseTrainConfig(r.config, "run " + std::to_string(r.id));
  if (!config) return QString::fromStdString(config.error().message);
  // the core refuses a length that does not exceed the resumed checkpoint; the dialog starts
  // above the newest one
  qint64 newest = 0;
  if (m_db) {
    if (auto checkpoints = m_db->checkpoints(r.id)) {
      for (const auto& c : checkpoints.value()) newest = std::max<qint64>(newest, c.step);
    }
  }
  if (iterations <= 0) {
    const int stored = static_cast<int>(config->rl.iterations);
    bool ok = false;
    iterations = QInputDialog::getInt(
        this, tr("Train further"),
        tr("Run %1 (%2) was set to %3 RL iterations; its newest checkpoint is at iteration "
           "%4.\nTrain it on to this many iterations in all (same run, optimizer kept):")
            .arg(r.id)
            .arg(QString::fromStdString(r.name))
            .arg(stored)
            .arg(newest),
        std::max<int>(stored, static_cast<int>(newest)) + 100, static_cast<int>(newest) + 1,
        1000000, 25, &ok);
    if (!ok) return {};
  }
  if (iterations <= newest) {
    return tr("Run %1 resumes at iteration %2; train it to more iterations than that")
        .arg(r.id)
        .arg(newest);
  }
  Q_EMIT trainFurtherRequested(r.id, QString::fromStdString(r.name), iterations);
  return {};
}

void RunsWidget::setDatabase(storage::Database* db) {
  m_db = db;
  m_model->setDatabase(db);
  m_view->resizeColumnsToContents();
}

void RunsWidget::refresh() {
  // a changed set of runs resets the model, which clears the selection: put it back
  const QList<qint64> selected = selectedRuns();
  const bool blocked = blockSignals(true);
  const bool ok = m_model->refresh();
  selectRuns(selected);
  blockSignals(blocked);
  if (!ok) Q_EMIT message(m_model->lastError());
  if (selectedRuns() != selected) Q_EMIT selectionChanged(selectedRuns());
}

QList<qint64> RunsWidget::selectedRuns() const {
  QList<qint64> ids;
  for (const QModelIndex& i : m_view->selectionModel()->selectedRows()) {
    ids << i.data(RunsModel::kRunIdRole).toLongLong();
  }
  return ids;
}

void RunsWidget::selectRuns(const QList<qint64>& ids) {
  QItemSelection selection;
  for (int r = 0; r < m_proxy->rowCount(); ++r) {
    const QModelIndex i = m_proxy->index(r, 0);
    if (ids.contains(i.data(RunsModel::kRunIdRole).toLongLong())) {
      selection.select(i, m_proxy->index(r, RunsModel::kColumnCount - 1));
    }
  }
  m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void RunsWidget::setSearch(const QString& text) {
  if (m_search->text() != text) m_search->setText(text);
  static_cast<RunsFilter*>(m_proxy)->setText(text);
}

void RunsWidget::compareSelected() {
  const QList<qint64> ids = selectedRuns();
  if (ids.size() < 2) {
    Q_EMIT message(tr("Select two or more runs to compare their configs."));
    return;
  }
  std::vector<std::pair<QString, std::string>> configs;
  for (qint64 id : ids) {
    const int row = m_model->rowOfRun(id);
    if (row < 0) continue;
    const auto& r = m_model->run(row);
    configs.emplace_back(QStringLiteral("%1 #%2").arg(QString::fromStdString(r.name)).arg(id),
                         r.config);
  }
  auto* dialog = new QDialog(this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowTitle(tr("Config comparison"));
  auto* layout = new QVBoxLayout(dialog);
  auto* model = new ConfigDiffModel(dialog);
  model->setConfigs(configs);
  auto* only =
      new QCheckBox(tr("Differences only (%n option(s) differ)", "", model->differenceCount()));
  only->setChecked(true);
  layout->addWidget(only);
  auto* view = new QTableView;
  view->setModel(model);
  view->verticalHeader()->hide();
  view->horizontalHeader()->setStretchLastSection(true);
  view->resizeColumnsToContents();
  layout->addWidget(view, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  layout->addWidget(buttons);
  connect(only, &QCheckBox::toggled, model, &ConfigDiffModel::setDifferencesOnly);
  connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
  dialog->resize(800, 500);
  dialog->show();
}

void RunsWidget::deleteSelected() {
  if (!m_db) return;
  const QList<qint64> ids = selectedRuns();
  if (ids.isEmpty()) return;
  QStringList names;
  for (qint64 id : ids) {
    const int row = m_model->rowOfRun(id);
    if (row < 0) continue;
    const auto& r = m_model->run(row);
    if (r.live()) {
      Q_EMIT message(tr("Run %1 is still running; stop it before deleting it.").arg(id));
      return;
    }
    names << QStringLiteral("%1 #%2").arg(QString::fromStdString(r.name)).arg(id);
  }
  const auto answer = QMessageBox::question(
      this, tr("Delete runs"),
      tr("Delete %n run(s) with their metrics, episodes and checkpoint files?\n\n%1", "",
         int(names.size()))
          .arg(names.join('\n')),
      QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
  if (answer != QMessageBox::Yes) return;
  std::vector<qint64> list(ids.begin(), ids.end());
  if (auto s = deleteRuns(*m_db, list); !s) {
    Q_EMIT message(tr("Delete failed: %1").arg(QString::fromStdString(s.error().message)));
  } else {
    Q_EMIT message(tr("Deleted %n run(s)", "", int(list.size())));
  }
  refresh();
}

}  // namespace pirl::widgets

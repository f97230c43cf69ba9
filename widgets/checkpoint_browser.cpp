#include "widgets/checkpoint_browser.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/common/file_util.h"
#include "core/rl/checkpoint.h"
#include "core/rl/eval_result.h"
#include "core/rl/inspect.h"
#include "core/rl/policy_export.h"
#include "core/session/training_session.h"
#include "core/storage/database.h"
#include "widgets/ghost_replay.h"

namespace pirl::widgets {

namespace {

enum Column { kName, kEnvSteps, kEval, kOod, kSize, kCreated, kIntegrity, kLineage, kColumns };
constexpr int kCheckpointRole = Qt::UserRole + 1;  // checkpoint row id (0 for run items)
constexpr int kRunRole = Qt::UserRole + 2;
constexpr int kStepRole = Qt::UserRole + 3;
constexpr int kPathRole = Qt::UserRole + 4;

// checkpoints sort by step and environment steps as numbers, not as text
class CheckpointItem : public QTreeWidgetItem {
 public:
  using QTreeWidgetItem::QTreeWidgetItem;
  bool operator<(const QTreeWidgetItem& other) const override {
    const int column = treeWidget() ? treeWidget()->sortColumn() : 0;
    if (column == kName || column == kEnvSteps) {
      const QVariant a = data(0, kStepRole), b = other.data(0, kStepRole);
      if (a.isValid() && b.isValid()) {
        return column == kName ? a.toLongLong() < b.toLongLong()
                               : data(kEnvSteps, Qt::UserRole).toLongLong() <
                                     other.data(kEnvSteps, Qt::UserRole).toLongLong();
      }
      const QVariant ra = data(0, kRunRole), rb = other.data(0, kRunRole);
      if (column == kName && ra.isValid() && rb.isValid()) return ra.toLongLong() < rb.toLongLong();
    }
    return QTreeWidgetItem::operator<(other);
  }
};

QString percent(double v) { return QLocale().toString(v * 100.0, 'f', 1) + QLatin1Char('%'); }

// per (task, variant) the stored result with the most episodes, the latest of equals (the
// evaluations come oldest first): a quick look does not hide a thorough one
std::map<std::pair<std::string, std::string>, storage::EvaluationRecord> mostThorough(
    const std::vector<storage::EvaluationRecord>& all) {
  std::map<std::pair<std::string, std::string>, storage::EvaluationRecord> out;
  for (const auto& e : all) {
    auto [it, added] = out.try_emplace({e.task, e.variant}, e);
    if (!added && e.episodes >= it->second.episodes) it->second = e;
  }
  return out;
}

}  // namespace

CheckpointBrowser::CheckpointBrowser(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  auto button = [&](const QString& text, const QString& tip) {
    auto* b = new QToolButton;
    b->setText(text);
    b->setToolTip(tip);
    bar->addWidget(b);
    return b;
  };
  m_filter = new QLineEdit;
  m_filter->setPlaceholderText(tr("Filter runs…"));
  m_filter->setClearButtonEnabled(true);
  m_filter->setMaximumWidth(220);
  bar->addWidget(m_filter);
  auto* evaluate = button(tr("Evaluate"), tr("Evaluate the selected checkpoint (ODE, the run's "
                                             "fixed seeds) on its tasks and their OOD variants"));
  bar->addWidget(new QLabel(tr("episodes/task:")));
  m_episodes = new QSpinBox;
  m_episodes->setRange(1, 10000);
  m_episodes->setValue(100);
  bar->addWidget(m_episodes);
  bar->addWidget(new QLabel(tr("x₀ scale:")));
  m_initNoise = new QDoubleSpinBox;
  // the lowest value stands for the run's own eval.init_noise_scale
  m_initNoise->setRange(-0.1, 3.0);
  m_initNoise->setSingleStep(0.1);
  m_initNoise->setDecimals(2);
  m_initNoise->setSpecialValueText(tr("run's"));
  m_initNoise->setValue(m_initNoise->minimum());
  m_initNoise->setToolTip(
      tr("Scale of the ODE's initial noise x₀ for Evaluate and A/B compare: 0 evaluates the "
         "deterministic policy. Results under another scale than the run's are shown, not "
         "stored."));
  bar->addWidget(m_initNoise);
  auto* compare = button(tr("A/B compare"), tr("Evaluate two selected checkpoints on the same "
                                               "seeds, side by side"));
  auto* resume = button(tr("Resume from here"), tr("Continue the run from this checkpoint"));
  auto* fork = button(tr("Fork…"), tr("Open the launcher with a new run starting from this "
                                      "checkpoint"));
  auto* average = button(tr("Average"), tr("Average the networks of the selected checkpoints "
                                           "of one run into a new run (pirl average)"));
  auto* exportButton = button(tr("Export…"), tr("Write a TorchScript policy (pirl export)"));
  auto* remove = button(tr("Delete…"), tr("Delete the selected checkpoints (rows and files)"));
  auto* refreshButton = button(tr("Refresh"), tr("Re-read the database"));
  bar->addStretch(1);
  m_progress = new QProgressBar;
  m_progress->setRange(0, 0);
  m_progress->setMaximumWidth(160);
  m_progress->hide();
  bar->addWidget(m_progress);
  layout->addLayout(bar);
  m_tree = new QTreeWidget;
  m_tree->setColumnCount(kColumns);
  m_tree->setHeaderLabels({tr("Run / step"), tr("Env steps"), tr("Eval success"), tr("OOD success"),
                           tr("Size"), tr("Created"), tr("Integrity"), tr("Lineage")});
  m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
  m_tree->setSortingEnabled(true);
  m_tree->sortByColumn(kName, Qt::AscendingOrder);
  m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  layout->addWidget(m_tree, 1);
  m_status = new QLabel;
  m_status->setWordWrap(true);
  layout->addWidget(m_status);

  connect(m_tree, &QTreeWidget::itemExpanded, this, &CheckpointBrowser::fillIntegrity);
  connect(m_filter, &QLineEdit::textChanged, this, &CheckpointBrowser::setFilter);
  connect(evaluate, &QToolButton::clicked, this,
          [this]() { evaluateSelected(m_episodes->value(), true, initNoiseScale()); });
  connect(compare, &QToolButton::clicked, this, [this]() {
    const QString error = compareSelected(m_episodes->value(), initNoiseScale());
    if (!error.isEmpty()) m_status->setText(error);
  });
  connect(resume, &QToolButton::clicked, this, [this]() {
    const auto ids = selectedCheckpoints();
    if (ids.size() != 1) return;
    QTreeWidgetItem* item = checkpointItem(ids.front());
    const qint64 runId = item->data(0, kRunRole).toLongLong();
    auto run = m_db ? m_db->run(runId) : Result<storage::RunRecord>(Error{"no database"});
    if (!run) return;
    // a live run must not get a second trainer; an SFT run has nothing to resume
    if (run->live() || run->stage == "sft") {
      m_status->setText(
          tr("Run %1 cannot be resumed (%2 %3 run)")
              .arg(runId)
              .arg(QString::fromStdString(run->status), QString::fromStdString(run->stage)));
      return;
    }
    Q_EMIT resumeRequested(runId, QString::fromStdString(run->name),
                           item->data(0, kStepRole).toLongLong());
  });
  connect(fork, &QToolButton::clicked, this, [this]() {
    const auto ids = selectedCheckpoints();
    if (ids.size() != 1 || !m_db) return;
    QTreeWidgetItem* item = checkpointItem(ids.front());
    const qint64 runId = item->data(0, kRunRole).toLongLong();
    auto run = m_db->run(runId);
    if (!run) return;
    auto parsed = rl::parseTrainConfig(run.value().config, "run config");
    if (!parsed) {
      m_status->setText(QString::fromStdString(parsed.error().message));
      return;
    }
    rl::TrainConfig config = parsed.value();
    config.name = run.value().name + "-fork";
    config.stage = "rl";
    config.rl.initCheckpoint = item->data(0, kPathRole).toString().toStdString();
    Q_EMIT forkRequested(config, parsed.value(), runId);
  });
  connect(average, &QToolButton::clicked, this, [this]() {
    const QString error = averageSelected();
    if (!error.isEmpty()) m_status->setText(error);
  });
  connect(exportButton, &QToolButton::clicked, this, [this]() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export into folder"));
    if (dir.isEmpty()) return;
    const QString error = exportSelected(dir);
    m_status->setText(error.isEmpty() ? tr("Exported to %1").arg(dir) : error);
  });
  connect(remove, &QToolButton::clicked, this, [this]() {
    const QString error = deleteSelected(true);
    if (!error.isEmpty()) m_status->setText(error);
  });
  connect(refreshButton, &QToolButton::clicked, this, &CheckpointBrowser::refresh);
}

CheckpointBrowser::~CheckpointBrowser() {
  if (m_worker.joinable()) m_worker.join();
}

void CheckpointBrowser::setDatabase(storage::Database* db, const QString& dbPath) {
  m_db = db;
  m_dbPath = dbPath;
  m_integrity.clear();
  refresh();
}

void CheckpointBrowser::refresh() {
  QList<qint64> selected = selectedCheckpoints();
  QSet<qint64> expanded;
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
    if (m_tree->topLevelItem(i)->isExpanded()) {
      expanded.insert(m_tree->topLevelItem(i)->data(0, kRunRole).toLongLong());
    }
  }
  m_tree->clear();
  if (!m_db) return;
  auto runs = m_db->runs();
  if (!runs) {
    m_status->setText(QString::fromStdString(runs.error().message));
    return;
  }
  m_tree->setSortingEnabled(false);
  for (const auto& r : runs.value()) {
    auto* runItem = new CheckpointItem(m_tree);
    runItem->setText(kName,
                     QStringLiteral("#%1 %2 (%3)")
                         .arg(r.id)
                         .arg(QString::fromStdString(r.name), QString::fromStdString(r.status)));
    runItem->setData(0, kRunRole, QVariant::fromValue<qint64>(r.id));
    runItem->setData(0, kCheckpointRole, QVariant::fromValue<qint64>(0));
    if (r.parentRun > 0) {
      const bool averaged = QString::fromStdString(r.tags).split(',').contains("average");
      QString lineage = averaged ? tr("average of checkpoints of run #%1").arg(r.parentRun)
                                 : tr("forked from run #%1").arg(r.parentRun);
      if (r.parentCheckpoint > 0) {
        auto parents = m_db->checkpoints(r.parentRun);
        if (parents) {
          for (const auto& c : parents.value()) {
            if (c.id != r.parentCheckpoint) continue;
            lineage += averaged ? tr(", newest step %1").arg(c.step) : tr(", step %1").arg(c.step);
          }
        }
      }
      runItem->setText(kLineage, lineage);
    }
    auto checkpoints = m_db->checkpoints(r.id);
    if (!checkpoints) continue;
    for (const auto& c : checkpoints.value()) {
      auto* item = new CheckpointItem(runItem);
      item->setText(kName, tr("step %1").arg(c.step));
      item->setData(kName, Qt::UserRole, QVariant::fromValue<qint64>(c.step));
      item->setData(0, kCheckpointRole, QVariant::fromValue<qint64>(c.id));
      item->setData(0, kRunRole, QVariant::fromValue<qint64>(r.id));
      item->setData(0, kStepRole, QVariant::fromValue<qint64>(c.step));
      item->setData(0, kPathRole, QString::fromStdString(c.path));
      item->setText(kEnvSteps, QLocale().toString(static_cast<qlonglong>(c.envSteps)));
      item->setData(kEnvSteps, Qt::UserRole, QVariant::fromValue<qint64>(c.envSteps));
      item->setText(kSize, QLocale().formattedDataSize(c.sizeBytes));
      item->setText(kCreated, QString::fromStdString(c.createdAt));
      item->setToolTip(kName, QString::fromStdString(c.path));
      // the stored evaluations: in-distribution mean, OOD mean, per task/variant in a tooltip
      auto evals = m_db->evaluations(c.id);
      QStringList details;
      double inSum = 0, oodSum = 0;
      int inN = 0, oodN = 0;
      if (evals) {
        for (const auto& [key, e] : mostThorough(evals.value())) {
          details << QStringLiteral("%1%2: %3 (%4 episodes)")
                         .arg(QString::fromStdString(e.task),
                              e.variant.empty() ? QString()
                                                : "@" + QString::fromStdString(e.variant),
                              percent(e.success))
                         .arg(e.episodes);
          (e.variant.empty() ? inSum : oodSum) += e.success;
          (e.variant.empty() ? inN : oodN) += 1;
        }
      }
      // the recorded success: the most thorough of the run's own and the stored evaluations
      if (c.evalSuccess) {
        item->setText(kEval, percent(*c.evalSuccess));
      } else if (inN > 0) {
        item->setText(kEval, percent(inSum / inN));
      }
      if (oodN > 0) item->setText(kOod, percent(oodSum / oodN));
      if (!details.isEmpty()) {
        item->setToolTip(kEval, details.join('\n'));
        item->setToolTip(kOod, details.join('\n'));
      }
      auto known = m_integrity.find(c.id);
      if (known != m_integrity.end()) {
        item->setText(kIntegrity, known->second.isEmpty() ? tr("ok") : tr("damaged"));
        item->setToolTip(kIntegrity, known->second);
      }
    }
    if (expanded.contains(r.id)) runItem->setExpanded(true);
  }
  m_tree->setSortingEnabled(true);
  setFilter(m_filter->text());
  for (qint64 id : selected) {
    if (auto* item = checkpointItem(id)) item->setSelected(true);
  }
}

void CheckpointBrowser::setFilter(const QString& text) {
  if (m_filter->text() != text) m_filter->setText(text);
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
    QTreeWidgetItem* run = m_tree->topLevelItem(i);
    const bool match = text.isEmpty() || run->text(kName).contains(text, Qt::CaseInsensitive) ||
                       run->text(kLineage).contains(text, Qt::CaseInsensitive);
    run->setHidden(!match);
  }
}

void CheckpointBrowser::fillIntegrity(QTreeWidgetItem* runItem) {
  for (int i = 0; i < runItem->childCount(); ++i) {
    QTreeWidgetItem* item = runItem->child(i);
    const qint64 id = item->data(0, kCheckpointRole).toLongLong();
    const QString problem = integrity(id);
    item->setText(kIntegrity, problem.isEmpty() ? tr("ok") : tr("damaged"));
    item->setToolTip(kIntegrity, problem);
    item->setForeground(kIntegrity, problem.isEmpty() ? palette().text() : QBrush(Qt::red));
  }
}

QString CheckpointBrowser::integrity(qint64 id) {
  auto known = m_integrity.find(id);
  if (known != m_integrity.end()) return known->second;
  QTreeWidgetItem* item = checkpointItem(id);
  if (!item) return tr("unknown checkpoint");
  auto verified = rl::verifyCheckpoint(item->data(0, kPathRole).toString().toStdString());
  const QString problem = verified ? QString() : QString::fromStdString(verified.error().message);
  m_integrity[id] = problem;
  return problem;
}

QTreeWidgetItem* CheckpointBrowser::checkpointItem(qint64 id) const {
  for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
    QTreeWidgetItem* run = m_tree->topLevelItem(i);
    for (int k = 0; k < run->childCount(); ++k) {
      if (run->child(k)->data(0, kCheckpointRole).toLongLong() == id) return run->child(k);
    }
  }
  return nullptr;
}

void CheckpointBrowser::selectCheckpoint(qint64 id) {
  m_tree->clearSelection();
  if (QTreeWidgetItem* item = checkpointItem(id)) {
    item->parent()->setExpanded(true);
    item->setSelected(true);
    m_tree->setCurrentItem(item);
  }
}

void CheckpointBrowser::checkpointItemSelect(qint64 id) {
  if (QTreeWidgetItem* item = checkpointItem(id)) item->setSelected(true);
}

QList<qint64> CheckpointBrowser::selectedCheckpoints() const {
  QList<qint64> ids;
  for (QTreeWidgetItem* item : m_tree->selectedItems()) {
    const qint64 id = item->data(0, kCheckpointRole).toLongLong();
    if (id > 0) ids << id;
  }
  return ids;
}

std::optional<double> CheckpointBrowser::initNoiseScale() const {
  if (m_initNoise->value() <= m_initNoise->minimum()) return std::nullopt;
  return m_initNoise->value();
}

void CheckpointBrowser::setInitNoiseScale(std::optional<double> scale) {
  m_initNoise->setValue(scale ? *scale : m_initNoise->minimum());
}

bool CheckpointBrowser::evaluateSelected(int episodes, bool ood,
                                         std::optional<double> initNoiseScale) {
  const auto ids = selectedCheckpoints();
  if (ids.size() != 1 || busy() || m_dbPath.isEmpty()) return false;
  QTreeWidgetItem* item = checkpointItem(ids.front());
  const qint64 id = ids.front();
  const qint64 runId = item->data(0, kRunRole).toLongLong();
  const qint64 step = item->data(0, kStepRole).toLongLong();
  m_progress->show();
  m_status->setText(
      tr("Evaluating run %1 step %2 (%3 episodes per task%4%5)…")
          .arg(runId)
          .arg(step)
          .arg(episodes)
          .arg(ood ? tr(", OOD variants too") : QString())
          .arg(initNoiseScale ? tr(", x₀ scale %1").arg(*initNoiseScale) : QString()));
  const std::string db = m_dbPath.toStdString();
  m_worker = std::thread([this, db, id, runId, step, episodes, ood, initNoiseScale]() {
    QString text;
    bool ok = false;
    try {
      auto r = session::evaluateRun(runId, step, episodes, ood, db, "auto", initNoiseScale);
      ok = r.ok();
      text = ok ? tr("run %1 step %2: %3 in distribution")
                      .arg(runId)
                      .arg(step)
                      .arg(percent(r->inDistribution.meanSuccess))
                : QString::fromStdString(r.error().message);
      if (ok && !r->stored) {
        text += tr(" (x₀ scale %1, not the run's: not stored)").arg(*initNoiseScale);
      } else if (ok && !r->checkpointSuccessUpdated) {
        text +=
            tr(" (stored; the checkpoint keeps its %n-episode success)", "", r->recordedEpisodes);
      }
    } catch (const std::exception& e) {
      text = QString::fromUtf8(e.what());
    }
    QMetaObject::invokeMethod(
        this,
        [this, id, ok, text]() {
          if (m_worker.joinable()) m_worker.join();
          m_progress->hide();
          m_status->setText(text);
          refresh();
          selectCheckpoint(id);
          Q_EMIT message(text);
          Q_EMIT evaluationFinished(id, ok, text);
        },
        Qt::QueuedConnection);
  });
  return true;
}

QString CheckpointBrowser::exportSelected(const QString& dir) {
  const auto ids = selectedCheckpoints();
  if (ids.size() != 1) return tr("Select one checkpoint to export.");
  const QString path = checkpointItem(ids.front())->data(0, kPathRole).toString();
  auto exported = rl::exportPolicy(path.toStdString(), dir.toStdString());
  if (!exported) return QString::fromStdString(exported.error().message);
  Q_EMIT message(tr("Exported %1 to %2").arg(path, dir));
  return {};
}

QString CheckpointBrowser::averageSelected() {
  const auto ids = selectedCheckpoints();
  if (ids.size() < 2 || !m_db) return tr("Select two or more checkpoints of one run to average.");
  const qint64 runId = checkpointItem(ids.front())->data(0, kRunRole).toLongLong();
  std::vector<std::int64_t> steps;
  for (qint64 id : ids) {
    QTreeWidgetItem* item = checkpointItem(id);
    if (item->data(0, kRunRole).toLongLong() != runId) {
      return tr("Select checkpoints of one run to average.");
    }
    steps.push_back(item->data(0, kStepRole).toLongLong());
  }
  auto averaged = session::averageRun(m_dbPath.toStdString(), runId, steps);
  if (!averaged) return QString::fromStdString(averaged.error().message);
  refresh();
  auto rows = m_db->checkpoints(averaged->runId);
  if (rows && !rows->empty()) selectCheckpoint(rows->front().id);
  const QString text = tr("Averaged %n checkpoint(s) of run %1 into run %2", "", int(steps.size()))
                           .arg(runId)
                           .arg(averaged->runId);
  m_status->setText(text);
  Q_EMIT message(text);
  return {};
}

QString CheckpointBrowser::deleteSelected(bool confirm) {
  const auto ids = selectedCheckpoints();
  if (ids.isEmpty() || !m_db) return tr("Select checkpoints to delete.");
  if (busy()) return tr("An evaluation is running.");
  for (qint64 id : ids) {
    auto run = m_db->run(checkpointItem(id)->data(0, kRunRole).toLongLong());
    if (run && run->live()) {
      return tr("Run %1 is still running; stop it before deleting it.").arg(run->id);
    }
  }
  if (confirm &&
      QMessageBox::question(
          this, tr("Delete checkpoints"),
          tr("Delete %n checkpoint(s) with their files and evaluations?", "", int(ids.size())),
          QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes) {
    return {};
  }
  for (qint64 id : ids) {
    const std::string dir = checkpointItem(id)->data(0, kPathRole).toString().toStdString();
    if (auto s = removeTreeWith(dir, [&] { return m_db->deleteCheckpoint(id); }); !s) {
      refresh();
      return QString::fromStdString(s.error().message);
    }
    m_integrity.erase(id);
  }
  refresh();
  Q_EMIT message(tr("Deleted %n checkpoint(s)", "", int(ids.size())));
  return {};
}

QString CheckpointBrowser::compareSelected(int episodes, std::optional<double> initNoiseScale) {
  const auto ids = selectedCheckpoints();
  if (ids.size() != 2 || !m_db) return tr("Select exactly two checkpoints to compare.");
  if (busy()) return tr("An evaluation is running.");
  struct Side {
    qint64 run;
    qint64 step;
    std::string path;
    QString title;
  };
  std::vector<Side> sides;
  for (qint64 id : ids) {
    QTreeWidgetItem* item = checkpointItem(id);
    sides.push_back({item->data(0, kRunRole).toLongLong(), item->data(0, kStepRole).toLongLong(),
                     item->data(0, kPathRole).toString().toStdString(),
                     tr("run %1 step %2")
                         .arg(item->data(0, kRunRole).toLongLong())
                         .arg(item->data(0, kStepRole).toLongLong())});
  }
  // both on the first run's tasks and evaluation seeds
  auto run = m_db->run(sides[0].run);
  if (!run) return QString::fromStdString(run.error().message);
  auto config = rl::parseTrainConfig(run.value().config, "run config");
  if (!config) return QString::fromStdString(config.error().message);
  m_progress->show();
  m_status->setText(tr("Comparing %1 and %2 on the same %3 episodes per task…")
                        .arg(sides[0].title, sides[1].title)
                        .arg(episodes));
  rl::TrainConfig cfg = config.value();
  cfg.eval.episodes = episodes;
  if (initNoiseScale) cfg.eval.initNoiseScale = *initNoiseScale;
  m_worker = std::thread([this, sides, cfg]() {
    std::vector<Result<rl::EvalResult>> results;
    std::vector<Result<rl::RecordedRollout>> rollouts;
    const std::string task = cfg.tasks.empty() ? std::string() : cfg.tasks.front();
    for (const auto& s : sides) {
      // exceptions must not leave this thread
      try {
        results.push_back(
            rl::evaluateCheckpoint(s.path, cfg.tasks, cfg.eval, cfg.env, cfg.threads, "auto"));
        // the same episode (first task, first evaluation seed) for the ghost replay
        rollouts.push_back(task.empty() ? Result<rl::RecordedRollout>(Error{"the run has no task"})
                                        : rl::rolloutEpisode(s.path, task, cfg.eval.seed, 4242,
                                                             cfg.env, cfg.eval.initNoiseScale));
      } catch (const std::exception& e) {
        results.push_back(Error{std::string("comparison failed: ") + e.what()});
        rollouts.push_back(Error{"comparison failed"});
      }
    }
    QMetaObject::invokeMethod(
        this,
        [this, sides, results, rollouts, task, x0Scale = cfg.eval.initNoiseScale]() {
          if (m_worker.joinable()) m_worker.join();
          m_progress->hide();
          for (const auto& r : results) {
            if (!r) {
              m_status->setText(QString::fromStdString(r.error().message));
              return;
            }
          }
          auto* dialog = new QDialog(this);
          dialog->setObjectName("abCompare");
          dialog->setAttribute(Qt::WA_DeleteOnClose);
          dialog->setWindowTitle(tr("A/B comparison"));
          auto* layout = new QVBoxLayout(dialog);
          const auto& a = results[0].value();
          const auto& b = results[1].value();
          auto* table = new QTableWidget(static_cast<int>(a.successPerTask.size()) + 1, 4);
          table->setHorizontalHeaderLabels(
              {tr("Task"), sides[0].title, sides[1].title, tr("B − A")});
          int row = 0;
          auto put = [&](const QString& task, double x, double y) {
            table->setItem(row, 0, new QTableWidgetItem(task));
            table->setItem(row, 1, new QTableWidgetItem(percent(x)));
            table->setItem(row, 2, new QTableWidgetItem(percent(y)));
            table->setItem(row, 3,
                           new QTableWidgetItem(QStringLiteral("%1%2 pp")
                                                    .arg(y >= x ? "+" : "")
                                                    .arg((y - x) * 100.0, 0, 'f', 1)));
            ++row;
          };
          for (const auto& [task, rate] : a.successPerTask) {
            const auto other = b.successPerTask.find(task);
            put(QString::fromStdString(task), rate,
                other == b.successPerTask.end() ? 0.0 : other->second);
          }
          put(tr("mean"), a.meanSuccess, b.meanSuccess);
          table->horizontalHeader()->setStretchLastSection(true);
          table->setEditTriggers(QAbstractItemView::NoEditTriggers);
          layout->addWidget(
              new QLabel(tr("Same evaluation seeds, %1 episodes per task (ODE, x₀ scale %2).")
                             .arg(a.episodes / std::max<size_t>(1, a.successPerTask.size()))
                             .arg(x0Scale)));
          layout->addWidget(table);
          if (rollouts[0] && rollouts[1]) {
            auto* ghost = new GhostReplay;
            ghost->setObjectName("ghostReplay");
            const QString error =
                ghost->setRollouts(task, rollouts[0]->states, rollouts[1]->states,
                                   rollouts[0]->stateDim, sides[0].title, sides[1].title);
            if (error.isEmpty()) {
              layout->addWidget(ghost, 1);
            } else {
              layout->addWidget(new QLabel(error));
              delete ghost;
            }
          }
          auto* close = new QDialogButtonBox(QDialogButtonBox::Close);
          connect(close, &QDialogButtonBox::rejected, dialog, &QDialog::close);
          layout->addWidget(close);
          dialog->resize(900, 760);
          dialog->show();
          m_status->setText(tr("Compared %1 (%2) and %3 (%4)")
                                .arg(sides[0].title, percent(a.meanSuccess), sides[1].title,
                                     percent(b.meanSuccess)));
        },
        Qt::QueuedConnection);
  });
  return {};
}

}  // namespace pirl::widgets

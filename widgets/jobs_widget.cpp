#include "widgets/jobs_widget.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QProgressBar>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/run_manager.h"
#include "widgets/runs_model.h"

namespace pirl::widgets {

namespace {
enum Column { kJob, kName, kRun, kState, kProgress, kEta, kSuccess, kMessage, kColumns };
}

QString formatEta(double seconds) {
  return seconds < 0 ? QStringLiteral("—") : formatDuration(seconds);
}

JobsWidget::JobsWidget(RunManager* manager, QWidget* parent) : QWidget(parent), m_manager(manager) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  m_pause = new QToolButton;
  m_pause->setText(tr("Pause"));
  m_resume = new QToolButton;
  m_resume->setText(tr("Resume"));
  m_stop = new QToolButton;
  m_stop->setText(tr("Stop"));
  m_stop->setToolTip(tr("Stop cleanly with a final checkpoint, or remove from the queue"));
  bar->addWidget(m_pause);
  bar->addWidget(m_resume);
  bar->addWidget(m_stop);
  bar->addStretch(1);
  layout->addLayout(bar);
  m_table = new QTableWidget(0, kColumns);
  m_table->setHorizontalHeaderLabels({tr("Job"), tr("Name"), tr("Run"), tr("State"), tr("Progress"),
                                      tr("ETA"), tr("Eval success"), tr("Message")});
  m_table->verticalHeader()->hide();
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->horizontalHeader()->setStretchLastSection(true);
  m_table->setColumnWidth(kProgress, 220);
  layout->addWidget(m_table, 1);

  connect(m_pause, &QToolButton::clicked, this, &JobsWidget::pauseSelected);
  connect(m_resume, &QToolButton::clicked, this, &JobsWidget::resumeSelected);
  connect(m_stop, &QToolButton::clicked, this, &JobsWidget::stopSelected);
  connect(m_table, &QTableWidget::itemSelectionChanged, this, &JobsWidget::updateButtons);
  connect(manager, &RunManager::jobAdded, this, [this](int job) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    for (int c = 0; c < kColumns; ++c) m_table->setItem(row, c, new QTableWidgetItem);
    m_table->item(row, kJob)->setData(Qt::UserRole, job);
    auto* bar = new QProgressBar;
    bar->setRange(0, 1000);
    m_table->setCellWidget(row, kProgress, bar);
    updateJob(job);
    if (m_table->selectedItems().isEmpty()) m_table->selectRow(row);
  });
  connect(manager, &RunManager::jobChanged, this, &JobsWidget::updateJob);
  updateButtons();
}

void JobsWidget::updateJob(int job) {
  const auto info = m_manager->job(job);
  if (!info) return;
  for (int row = 0; row < m_table->rowCount(); ++row) {
    if (m_table->item(row, kJob)->data(Qt::UserRole).toInt() != job) continue;
    m_table->item(row, kJob)->setText(QString::number(job));
    m_table->item(row, kName)->setText(info->name);
    m_table->item(row, kRun)->setText(info->runId ? QString::number(info->runId) : QString());
    m_table->item(row, kState)->setText(jobStateName(info->state));
    auto* bar = static_cast<QProgressBar*>(m_table->cellWidget(row, kProgress));
    const double fraction = info->steps > 0 ? double(info->step) / info->steps : 0.0;
    bar->setValue(static_cast<int>(fraction * 1000));
    bar->setFormat(info->steps > 0
                       ? tr("%1 %2/%3").arg(info->phase.toUpper()).arg(info->step).arg(info->steps)
                       : jobStateName(info->state));
    m_table->item(row, kEta)->setText(formatEta(info->etaSeconds));
    m_table->item(row, kSuccess)
        ->setText(info->evalSuccess
                      ? QStringLiteral("%1%").arg(*info->evalSuccess * 100.0, 0, 'f', 1)
                      : QString());
    m_table->item(row, kMessage)->setText(info->message);
    m_table->item(row, kMessage)->setToolTip(info->message);
  }
  updateButtons();
}

int JobsWidget::selectedJob() const {
  const auto items = m_table->selectedItems();
  if (items.isEmpty()) return 0;
  return m_table->item(items.front()->row(), kJob)->data(Qt::UserRole).toInt();
}

void JobsWidget::updateButtons() {
  const auto info = m_manager->job(selectedJob());
  const JobState s = info ? info->state : JobState::kFinished;
  m_pause->setEnabled(s == JobState::kRunning && info->phase == "rl");
  m_pause->setToolTip(info && info->phase == "sft" ? tr("SFT cannot pause; RL can")
                                                   : tr("Hold the run between chunks"));
  m_resume->setEnabled(s == JobState::kPaused);
  m_stop->setEnabled(s == JobState::kRunning || s == JobState::kPaused || s == JobState::kQueued);
}

void JobsWidget::pauseSelected() { m_manager->pause(selectedJob()); }
void JobsWidget::resumeSelected() { m_manager->resume(selectedJob()); }
void JobsWidget::stopSelected() { m_manager->stop(selectedJob()); }

}  // namespace pirl::widgets

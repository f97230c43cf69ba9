#include "widgets/live_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include "core/rl/trainer.h"
#include "core/sim/env.h"
#include "widgets/chain_overlay.h"
#include "widgets/run_manager.h"
#include "widgets/vtk_view.h"

namespace pirl::widgets {

LiveView::LiveView(RunManager* manager, QWidget* parent) : QWidget(parent), m_manager(manager) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Job:")));
  m_jobs = new QComboBox;
  m_jobs->setMinimumWidth(220);
  bar->addWidget(m_jobs);
  bar->addWidget(new QLabel(tr("Environment:")));
  m_envSpin = new QSpinBox;
  m_envSpin->setRange(0, 0);
  m_envSpin->setToolTip(tr("Which of the snapshot's environments to show"));
  bar->addWidget(m_envSpin);
  m_chain = new QCheckBox(tr("Denoising chain"));
  m_chain->setChecked(true);
  m_chain->setToolTip(
      tr("Draw the end-effector paths of environment 0's last denoising chain "
         "(blue: noise, red: action; faint: the discarded tail of the chunk)"));
  bar->addWidget(m_chain);
  bar->addStretch(1);
  m_info = new QLabel;
  bar->addWidget(m_info);
  layout->addLayout(bar);
  m_view = new VtkView;
  m_view->setMessage(tr("Launch a run (or select a running job) to watch its rollouts."));
  layout->addWidget(m_view->makeToolBar(this));
  layout->addWidget(m_view, 1);

  m_timer = new QTimer(this);
  // snapshots change once per chunk (every 0.5 s of robot time); 10 Hz shows each of them and
  // keeps the software renderer from taking CPU time away from training
  m_timer->setInterval(100);
  connect(m_timer, &QTimer::timeout, this, &LiveView::poll);
  m_timer->start();
  connect(m_jobs, &QComboBox::currentIndexChanged, this,
          [this](int) { setJob(m_jobs->currentData().toInt()); });
  connect(m_envSpin, &QSpinBox::valueChanged, this, &LiveView::setEnvironment);
  connect(m_chain, &QCheckBox::toggled, this, [this]() {
    m_last.reset();
    poll();
  });
  connect(manager, &RunManager::jobAdded, this, &LiveView::refreshJobs);
  connect(manager, &RunManager::jobEnded, this, &LiveView::refreshJobs);
  connect(manager, &RunManager::jobAdded, this, [this](int job) { setJob(job); });
}

LiveView::~LiveView() = default;

void LiveView::refreshJobs() {
  const int current = m_job;
  m_jobs->blockSignals(true);
  m_jobs->clear();
  for (const JobInfo& j : m_manager->jobs()) {
    m_jobs->addItem(QStringLiteral("%1 — %2 (%3)").arg(j.id).arg(j.name, jobStateName(j.state)),
                    j.id);
  }
  const int index = m_jobs->findData(current);
  if (index >= 0) m_jobs->setCurrentIndex(index);
  m_jobs->blockSignals(false);
}

void LiveView::setJob(int job) {
  if (job == m_job) return;
  m_job = job;
  m_last.reset();
  refreshJobs();
}

void LiveView::setEnvironment(int index) {
  if (m_envSpin->value() != index) m_envSpin->setValue(index);
  m_env = index;
  m_last.reset();
  poll();
}

void LiveView::poll() {
  if (!isVisible() || m_job == 0) return;
  // frame budget: wait until the last frame's cost is at most kCpuShare of the time since
  const qint64 now = QDateTime::currentMSecsSinceEpoch();
  if (m_lastFrameAt > 0 && now - m_lastFrameAt < m_lastFrameMs / kCpuShare) return;
  auto snap = m_manager->snapshot(m_job);
  if (!snap || snap == m_last || snap->states.empty()) return;
  QElapsedTimer timer;
  timer.start();
  m_last = snap;
  m_envSpin->setMaximum(static_cast<int>(snap->states.size()) - 1);
  const int env = std::min<int>(m_env, static_cast<int>(snap->states.size()) - 1);
  const std::string& task = snap->tasks[env];
  if (task != m_task || !m_view->scene()) {
    auto& cached = m_models[task];
    if (!cached) {
      auto created = sim::TaskModel::create(task);
      if (!created) {
        m_view->showError(created.error());
        return;
      }
      cached = created.value();
    }
    std::shared_ptr<const mjModel> model(cached, cached->model());
    if (!m_view->setModel(model)) return;
    m_task = task;
  }
  const std::vector<float> state(snap->states[env].begin(), snap->states[env].end());
  if (Status st = m_view->scene()->setState(state.data(), static_cast<int>(state.size())); !st) {
    m_view->showError(st.error());
    return;
  }
  if (m_chain->isChecked() && env == 0 && !snap->chain.empty()) {
    m_view->scene()->setOverlay(chainOverlay(snapshotChains(*snap), false));
  } else {
    m_view->scene()->setOverlay({});
  }
  m_view->refresh();
  ++m_shown;
  m_lastFrameMs = timer.nsecsElapsed() / 1e6;
  m_drawingMs += m_lastFrameMs;
  m_lastFrameAt = now;
  m_info->setText(tr("iteration %1 · %2").arg(snap->iteration).arg(QString::fromStdString(task)));
}

}  // namespace pirl::widgets

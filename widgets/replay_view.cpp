#include "widgets/replay_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSplitter>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "core/rl/inspect.h"
#include "core/rl/train_config.h"
#include "core/sim/env.h"
#include "core/sim/state.h"
#include "widgets/qcustomplot_include.h"
#include "widgets/vtk_view.h"

namespace pirl::widgets {

ReplayView::ReplayView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* pick = new QHBoxLayout;
  pick->addWidget(new QLabel(tr("Iteration:")));
  m_stepCombo = new QComboBox;
  m_stepCombo->setToolTip(tr("Iterations with recorded episodes"));
  pick->addWidget(m_stepCombo);
  pick->addWidget(new QLabel(tr("Episode:")));
  m_episodeCombo = new QComboBox;
  m_episodeCombo->setMinimumWidth(320);
  pick->addWidget(m_episodeCombo, 1);
  m_info = new QLabel;
  pick->addWidget(m_info);
  auto* inspect = new QToolButton;
  inspect->setText(tr("Inspect denoising"));
  inspect->setToolTip(tr("Sample this frame's denoising chains from the run's checkpoint"));
  pick->addWidget(inspect);
  connect(inspect, &QToolButton::clicked, this, [this]() {
    const auto* e = episode();
    auto state = shownState();
    if (e && !state.empty()) {
      Q_EMIT inspectRequested(m_run, e->step, QString::fromStdString(e->task), std::move(state));
    }
  });
  layout->addLayout(pick);

  auto* split = new QSplitter(Qt::Vertical);
  auto* top = new QWidget;
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  m_view = new VtkView;
  m_view->setMessage(
      tr("Open a run's episodes: click a point of a curve in Metrics, or pick an "
         "iteration above."));
  topLayout->addWidget(m_view->makeToolBar(this));
  topLayout->addWidget(m_view, 1);
  split->addWidget(top);
  m_plot = new QCustomPlot;
  m_plot->setMinimumHeight(140);
  m_plot->addGraph();                               // reward
  m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);  // value
  m_plot->graph(0)->setName(tr("reward"));
  m_plot->graph(0)->setPen(QPen(QColor(44, 160, 44), 1.5));
  m_plot->graph(0)->setLineStyle(QCPGraph::lsStepLeft);
  m_plot->graph(1)->setName(tr("value V(s)"));
  m_plot->graph(1)->setPen(QPen(QColor(31, 119, 180), 1.5));
  m_plot->yAxis->setLabel(tr("reward"));
  m_plot->yAxis2->setLabel(tr("value"));
  m_plot->yAxis2->setVisible(true);
  m_plot->xAxis->setLabel(tr("control step (dashed: chunk boundaries)"));
  m_plot->legend->setVisible(true);
  m_plot->legend->setFont(font());
  split->addWidget(m_plot);
  split->setStretchFactor(0, 4);
  split->setStretchFactor(1, 1);
  layout->addWidget(split, 1);

  auto* transport = new QHBoxLayout;
  auto* back = new QToolButton;
  back->setText(QStringLiteral("◀|"));
  back->setToolTip(tr("Previous frame"));
  m_play = new QToolButton;
  m_play->setText(tr("Play"));
  m_play->setCheckable(true);
  auto* forward = new QToolButton;
  forward->setText(QStringLiteral("|▶"));
  forward->setToolTip(tr("Next frame"));
  m_slider = new QSlider(Qt::Horizontal);
  m_slider->setRange(0, 0);
  m_speed = new QComboBox;
  for (const char* s : {"0.25×", "0.5×", "1×", "2×", "4×"}) m_speed->addItem(QString::fromUtf8(s));
  m_speed->setCurrentIndex(2);
  m_speed->setToolTip(tr("Playback speed (1× = the 10 Hz control rate)"));
  transport->addWidget(back);
  transport->addWidget(m_play);
  transport->addWidget(forward);
  transport->addWidget(m_slider, 1);
  transport->addWidget(m_speed);
  layout->addLayout(transport);

  m_timer = new QTimer(this);
  auto interval = [this]() {
    const double speeds[] = {0.25, 0.5, 1.0, 2.0, 4.0};
    return static_cast<int>(100.0 / speeds[std::clamp(m_speed->currentIndex(), 0, 4)]);
  };
  m_timer->setInterval(interval());
  connect(m_speed, &QComboBox::currentIndexChanged, this,
          [this, interval]() { m_timer->setInterval(interval()); });
  connect(m_timer, &QTimer::timeout, this, [this]() {
    if (m_frame + 1 >= frameCount()) {
      setPlaying(false);
      return;
    }
    setFrame(m_frame + 1);
  });
  connect(m_play, &QToolButton::toggled, this, &ReplayView::setPlaying);
  connect(back, &QToolButton::clicked, this, [this]() { setFrame(m_frame - 1); });
  connect(forward, &QToolButton::clicked, this, [this]() { setFrame(m_frame + 1); });
  connect(m_slider, &QSlider::valueChanged, this, &ReplayView::setFrame);
  connect(m_stepCombo, &QComboBox::currentIndexChanged, this, [this](int i) {
    if (i >= 0 && i < static_cast<int>(m_steps.size())) open(m_run, m_steps[i]);
  });
  connect(m_episodeCombo, &QComboBox::currentIndexChanged, this, &ReplayView::setEpisode);
}

ReplayView::~ReplayView() = default;

void ReplayView::setDatabase(storage::Database* db) {
  m_db = db;
  m_run = 0;
  m_episodes.clear();
  m_episode = -1;
}

bool ReplayView::open(qint64 runId, qint64 step) {
  if (!m_db) return false;
  auto steps = m_db->episodeSteps(runId);
  if (!steps || steps.value().empty()) {
    m_info->setText(tr("Run %1 has no recorded episodes.").arg(runId));
    return false;
  }
  m_run = runId;
  m_steps = steps.value();
  // the recorded iteration nearest to the one asked for
  auto nearest = std::min_element(m_steps.begin(), m_steps.end(), [step](auto a, auto b) {
    return std::llabs(a - step) < std::llabs(b - step);
  });
  const std::int64_t chosen = *nearest;
  auto run = m_db->run(runId);
  if (run) {
    auto config = rl::parseTrainConfig(run.value().config, "run config");
    m_chunk = config ? std::max(1, config.value().policy.actionChunk) : 1;
  }
  auto episodes = m_db->episodes(runId, chosen);
  if (!episodes) {
    m_info->setText(QString::fromStdString(episodes.error().message));
    return false;
  }
  m_episodes.clear();
  for (auto& e : episodes.value()) {
    if (e.stateDim > 0 && !e.states.empty()) m_episodes.push_back(std::move(e));
  }
  m_stepCombo->blockSignals(true);
  m_stepCombo->clear();
  for (auto s : m_steps) m_stepCombo->addItem(QString::number(s));
  m_stepCombo->setCurrentIndex(static_cast<int>(nearest - m_steps.begin()));
  m_stepCombo->blockSignals(false);
  m_episodeCombo->blockSignals(true);
  m_episodeCombo->clear();
  for (const auto& e : m_episodes) {
    m_episodeCombo->addItem(tr("%1 · seed %2 · %3 · return %4 · %5 steps")
                                .arg(QString::fromStdString(e.task))
                                .arg(e.seed)
                                .arg(e.success ? tr("success") : tr("failure"))
                                .arg(e.episodeReturn, 0, 'g', 3)
                                .arg(e.length));
  }
  m_episodeCombo->blockSignals(false);
  m_episode = -1;
  setEpisode(0);
  return !m_episodes.empty();
}

const storage::EpisodeRecord* ReplayView::episode() const {
  if (m_episode < 0 || m_episode >= static_cast<int>(m_episodes.size())) return nullptr;
  return &m_episodes[m_episode];
}

int ReplayView::frameCount() const {
  const auto* e = episode();
  return e ? static_cast<int>(e->states.size() / e->stateDim) : 0;
}

void ReplayView::setEpisode(int index) {
  if (index < 0 || index >= static_cast<int>(m_episodes.size())) return;
  setPlaying(false);
  m_episode = index;
  if (m_episodeCombo->currentIndex() != index) m_episodeCombo->setCurrentIndex(index);
  const auto& e = m_episodes[index];
  auto taskModel = sim::TaskModel::create(e.task);
  if (!taskModel) {
    m_view->showError(taskModel.error());
    return;
  }
  m_taskModel = taskModel.value();
  std::shared_ptr<const mjModel> model(m_taskModel, m_taskModel->model());
  if (!m_view->setModel(model)) {  // the view shows why; nothing of this episode is shown
    m_taskModel.reset();
    m_frame = -1;
    return;
  }
  // sparse reward: 1 on the first frame the task is solved
  m_rewards.assign(frameCount(), 0.0);
  auto data = sim::makeData(model.get());
  for (int f = 0; f < frameCount(); ++f) {
    if (!sim::applyState(model.get(), data.get(),
                         e.states.data() + static_cast<size_t>(f) * e.stateDim, e.stateDim)) {
      break;  // a state of the wrong size: setFrame shows the error
    }
    if (m_taskModel->task().isSuccess(model.get(), data.get())) {
      m_rewards[f] = 1.0;
      break;
    }
  }
  // the critic of the newest checkpoint at or before this iteration
  m_values.clear();
  QString valueNote;
  if (m_db) {
    auto checkpoints = m_db->checkpoints(m_run);
    std::string dir;
    if (checkpoints) {
      for (const auto& c : checkpoints.value()) {
        if (c.step <= e.step) dir = c.path;
      }
    }
    if (!dir.empty()) {
      auto values = rl::stateValues(dir, e.task, e.states, e.stateDim);
      if (values) {
        m_values = values.value();
      } else {
        valueNote = QString::fromStdString(values.error().message);
      }
    } else {
      valueNote = tr("no checkpoint at or before iteration %1").arg(e.step);
    }
  }
  m_info->setText(valueNote.isEmpty() ? QString() : tr("value: %1").arg(valueNote));
  m_slider->blockSignals(true);
  m_slider->setRange(0, std::max(0, frameCount() - 1));
  m_slider->blockSignals(false);
  updatePlot();
  m_frame = -1;
  setFrame(0);
}

void ReplayView::updatePlot() {
  const int n = frameCount();
  QVector<double> x(n), reward(n), value;
  for (int f = 0; f < n; ++f) {
    x[f] = f;
    reward[f] = m_rewards[f];
  }
  m_plot->graph(0)->setData(x, reward, true);
  for (float v : m_values) value.push_back(v);
  m_plot->graph(1)->setData(x.mid(0, value.size()), value, true);
  m_plot->clearItems();
  for (int b = m_chunk; b < n; b += m_chunk) {
    auto* line = new QCPItemStraightLine(m_plot);
    line->point1->setCoords(b, 0);
    line->point2->setCoords(b, 1);
    line->setPen(QPen(QColor(150, 150, 150), 1, Qt::DashLine));
  }
  auto* cursor = new QCPItemStraightLine(m_plot);
  cursor->setObjectName("cursor");
  cursor->setPen(QPen(QColor(214, 39, 40), 1.5));
  cursor->point1->setCoords(0, 0);
  cursor->point2->setCoords(0, 1);
  m_plot->xAxis->setRange(0, std::max(1, n - 1));
  m_plot->yAxis->setRange(-0.1, 1.1);
  m_plot->graph(1)->rescaleValueAxis(false, true);
  m_plot->replot();
}

void ReplayView::setFrame(int frame) {
  const auto* e = episode();
  if (!e) return;
  frame = std::clamp(frame, 0, frameCount() - 1);
  if (frame == m_frame) return;
  m_frame = frame;
  if (m_slider->value() != frame) m_slider->setValue(frame);
  if (sceneShowsEpisode()) {
    const Status st = m_view->scene()->setState(
        e->states.data() + static_cast<size_t>(frame) * e->stateDim, e->stateDim);
    if (st) {
      m_view->refresh();
    } else {
      m_view->showError(st.error());
    }
  }
  for (int i = 0; i < m_plot->itemCount(); ++i) {
    auto* item = qobject_cast<QCPItemStraightLine*>(m_plot->item(i));
    if (item && item->objectName() == "cursor") {
      item->point1->setCoords(frame, 0);
      item->point2->setCoords(frame, 1);
    }
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
  Q_EMIT frameChanged(QString::fromStdString(e->task), frame);
}

bool ReplayView::sceneShowsEpisode() const {
  return m_view->scene() && m_taskModel && m_view->scene()->model() == m_taskModel->model();
}

std::vector<float> ReplayView::shownState() const {
  if (!sceneShowsEpisode()) return {};
  return sim::captureState(m_view->scene()->model(), m_view->scene()->data());
}

void ReplayView::setPlaying(bool on) {
  if (m_play->isChecked() != on) m_play->setChecked(on);
  m_play->setText(on ? tr("Pause") : tr("Play"));
  if (on) {
    if (m_frame + 1 >= frameCount()) setFrame(0);
    m_timer->start();
  } else {
    m_timer->stop();
  }
}

}  // namespace pirl::widgets

#include "widgets/ghost_replay.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "core/sim/env.h"
#include "widgets/vtk_view.h"

namespace pirl::widgets {

GhostReplay::GhostReplay(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_info = new QLabel;
  m_info->setWordWrap(true);
  layout->addWidget(m_info);
  m_view = new VtkView;
  layout->addWidget(m_view->makeToolBar(this));
  layout->addWidget(m_view, 1);
  auto* transport = new QHBoxLayout;
  m_play = new QToolButton;
  m_play->setText(tr("Play"));
  m_play->setCheckable(true);
  auto* jump = new QToolButton;
  jump->setText(tr("Go to divergence"));
  m_slider = new QSlider(Qt::Horizontal);
  transport->addWidget(m_play);
  transport->addWidget(jump);
  transport->addWidget(m_slider, 1);
  layout->addLayout(transport);
  m_timer = new QTimer(this);
  m_timer->setInterval(100);
  connect(m_timer, &QTimer::timeout, this, [this]() {
    if (m_frame + 1 >= frameCount()) {
      m_play->setChecked(false);
      return;
    }
    setFrame(m_frame + 1);
  });
  connect(m_play, &QToolButton::toggled, this, [this](bool on) {
    m_play->setText(on ? tr("Pause") : tr("Play"));
    if (on) {
      m_timer->start();
    } else {
      m_timer->stop();
    }
  });
  connect(jump, &QToolButton::clicked, this, [this]() {
    if (m_divergence >= 0) setFrame(m_divergence);
  });
  connect(m_slider, &QSlider::valueChanged, this, &GhostReplay::setFrame);
}

GhostReplay::~GhostReplay() = default;

int GhostReplay::frameCount() const {
  if (m_dim <= 0) return 0;
  return static_cast<int>(std::max(m_a.size(), m_b.size()) / m_dim);
}

QString GhostReplay::setRollouts(const std::string& task, const std::vector<float>& a,
                                 const std::vector<float>& b, int stateDim, const QString& titleA,
                                 const QString& titleB) {
  auto taskModel = sim::TaskModel::create(task);
  if (!taskModel) return QString::fromStdString(taskModel.error().message);
  m_taskModel = taskModel.value();
  m_a = a;
  m_b = b;
  m_dim = stateDim;
  // the first frame where the two robots' joints (or the objects) part
  const int nq = m_taskModel->model()->nq;
  const int common = static_cast<int>(std::min(a.size(), b.size()) / stateDim);
  m_divergence = -1;
  for (int f = 0; f < common && m_divergence < 0; ++f) {
    for (int i = 0; i < nq; ++i) {
      const size_t k = static_cast<size_t>(f) * stateDim + i;
      if (std::abs(a[k] - b[k]) > kDivergence) {
        m_divergence = f;
        break;
      }
    }
  }
  if (m_divergence < 0 && a.size() != b.size()) m_divergence = common;
  std::shared_ptr<const mjModel> model(m_taskModel, m_taskModel->model());
  if (auto s = m_view->setModel(model); !s) return QString::fromStdString(s.error().message);
  m_slider->blockSignals(true);
  m_slider->setRange(0, std::max(0, frameCount() - 1));
  m_slider->blockSignals(false);
  m_info->setText(tr("<b>%1</b> opaque, <b>%2</b> translucent blue · %3 vs %4 steps · %5")
                      .arg(titleA, titleB)
                      .arg(static_cast<int>(a.size() / stateDim) - 1)
                      .arg(static_cast<int>(b.size() / stateDim) - 1)
                      .arg(m_divergence < 0 ? tr("identical throughout")
                                            : tr("first divergence at step %1").arg(m_divergence)));
  m_frame = -1;
  setFrame(0);
  return {};
}

void GhostReplay::setFrame(int frame) {
  if (frameCount() == 0) return;
  frame = std::clamp(frame, 0, frameCount() - 1);
  if (frame == m_frame || !m_view->scene()) return;
  m_frame = frame;
  if (m_slider->value() != frame) m_slider->setValue(frame);
  // a rollout that ended stays at its last state
  auto row = [this](const std::vector<float>& s, int f) {
    const int last = static_cast<int>(s.size() / m_dim) - 1;
    return s.data() + static_cast<size_t>(std::min(f, last)) * m_dim;
  };
  Status st = m_view->scene()->setState(row(m_a, frame), m_dim);
  if (st) st = m_view->scene()->setGhostState(row(m_b, frame), m_dim);
  if (!st) {
    m_view->showError(st.error());
    return;
  }
  m_view->refresh();
  m_slider->setToolTip(m_divergence >= 0 && frame >= m_divergence ? tr("diverged")
                                                                  : tr("identical so far"));
}

}  // namespace pirl::widgets

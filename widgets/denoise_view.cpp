#include "widgets/denoise_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QToolBar>
#include <QVBoxLayout>

#include "core/sim/env.h"
#include "core/sim/state.h"
#include "core/storage/database.h"
#include "widgets/chain_overlay.h"
#include "widgets/vtk_view.h"

namespace pirl::widgets {

namespace {
const char* const kMethodNames[DenoiseView::kMethods] = {"ode", "flow_sde", "flow_noise"};
}

DenoiseView::DenoiseView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Checkpoint:")));
  m_checkpoint = new QComboBox;
  m_checkpoint->setMinimumWidth(260);
  m_checkpoint->setToolTip(tr("Select a run in the Runs table to list its checkpoints"));
  controls->addWidget(m_checkpoint, 1);
  controls->addWidget(new QLabel(tr("Observation:")));
  m_taskCombo = new QComboBox;
  for (const auto& def : sim::taskDefinitions()) {
    m_taskCombo->addItem(QString::fromStdString(def.name));
  }
  controls->addWidget(m_taskCombo);
  m_seed = new QSpinBox;
  m_seed->setRange(0, 1000000);
  m_seed->setToolTip(tr("Episode seed of the reset state"));
  controls->addWidget(m_seed);
  auto* reset = new QPushButton(tr("Reset state"));
  reset->setToolTip(
      tr("Use the task's initial state for this seed (or a Replay frame: "
         "\"Inspect denoising\" there)"));
  controls->addWidget(reset);
  controls->addWidget(new QLabel(tr("Samples:")));
  m_samples = new QSpinBox;
  m_samples->setRange(1, 64);
  m_samples->setValue(12);
  controls->addWidget(m_samples);
  controls->addWidget(new QLabel(tr("Noise seed:")));
  m_noiseSeed = new QSpinBox;
  m_noiseSeed->setRange(0, 1000000);
  controls->addWidget(m_noiseSeed);
  m_tubes = new QCheckBox(tr("Std tubes"));
  m_tubes->setChecked(true);
  m_tubes->setToolTip(tr("Draw each stochastic step's positional std as a tube"));
  controls->addWidget(m_tubes);
  auto* sampleButton = new QPushButton(tr("Sample"));
  controls->addWidget(sampleButton);
  layout->addLayout(controls);
  m_info =
      new QLabel(tr("Blue: noise (t = 1) → red: action (t = 0). Opaque: the executed part "
                    "of the chunk; faint: the discarded tail."));
  m_info->setWordWrap(true);
  layout->addWidget(m_info);

  auto* grid = new QGridLayout;
  const QString titles[kMethods] = {tr("ODE (evaluation)"), tr("Flow-SDE (hybrid)"),
                                    tr("Flow-Noise")};
  for (int i = 0; i < kMethods; ++i) {
    auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(titles[i]));
    title->setAlignment(Qt::AlignCenter);
    grid->addWidget(title, 0, i);
    m_views[i] = new VtkView;
    m_views[i]->setMessage(tr("Pick a checkpoint and press Sample."));
    grid->addWidget(m_views[i]->makeToolBar(this), 1, i);
    grid->addWidget(m_views[i], 2, i);
    grid->setColumnStretch(i, 1);
  }
  grid->setRowStretch(2, 1);
  layout->addLayout(grid, 1);

  connect(reset, &QPushButton::clicked, this, [this]() {
    setInitialState(m_taskCombo->currentText().toStdString(), m_seed->value());
    sample();
  });
  connect(sampleButton, &QPushButton::clicked, this, [this]() { sample(); });
  connect(m_tubes, &QCheckBox::toggled, this, [this]() { sample(); });
}

DenoiseView::~DenoiseView() = default;

void DenoiseView::setDatabase(storage::Database* db) {
  m_db = db;
  m_checkpoint->clear();
}

void DenoiseView::setRun(qint64 runId, qint64 step) {
  if (!m_db) return;
  auto checkpoints = m_db->checkpoints(runId);
  if (!checkpoints) return;
  m_checkpoint->clear();
  for (const auto& c : checkpoints.value()) {
    m_checkpoint->addItem(
        tr("run %1 · step %2%3")
            .arg(runId)
            .arg(c.step)
            .arg(c.evalSuccess ? tr(" · eval %1%").arg(*c.evalSuccess * 100.0, 0, 'f', 1)
                               : QString()),
        QString::fromStdString(c.path));
  }
  int chosen = m_checkpoint->count() - 1;
  if (step >= 0) {
    const auto& list = checkpoints.value();
    for (size_t i = 0; i < list.size(); ++i) {
      if (list[i].step <= step) chosen = static_cast<int>(i);
    }
  }
  m_checkpoint->setCurrentIndex(chosen);
  auto run = m_db->run(runId);
  if (run && m_state.empty()) {
    const QString first = QString::fromStdString(run.value().tasks).section(',', 0, 0);
    const int index = m_taskCombo->findText(first.section('@', 0, 0));
    if (index >= 0) m_taskCombo->setCurrentIndex(index);
  }
}

void DenoiseView::setCheckpoint(const QString& dir) {
  int index = m_checkpoint->findData(dir);
  if (index < 0) {
    m_checkpoint->addItem(dir, dir);
    index = m_checkpoint->count() - 1;
  }
  m_checkpoint->setCurrentIndex(index);
}

void DenoiseView::setObservation(const std::string& task, const std::vector<float>& state) {
  m_task = task;
  m_state = state;
}

bool DenoiseView::setInitialState(const std::string& task, std::uint64_t seed) {
  auto taskModel = sim::TaskModel::create(task);
  if (!taskModel) {
    m_info->setText(QString::fromStdString(taskModel.error().message));
    return false;
  }
  sim::Env env(taskModel.value(), {});
  env.reset(seed);
  setObservation(task, sim::captureState(taskModel.value()->model(), env.data()));
  return true;
}

void DenoiseView::setSamples(int samples) { m_samples->setValue(samples); }

QString DenoiseView::sample() {
  const QString dir = m_checkpoint->currentData().toString();
  if (dir.isEmpty()) return tr("no checkpoint selected");
  if (m_state.empty() &&
      !setInitialState(m_taskCombo->currentText().toStdString(), m_seed->value())) {
    return m_info->text();
  }
  std::vector<std::string> methods(kMethodNames, kMethodNames + kMethods);
  auto chains = rl::sampleDenoisingChains(dir.toStdString(), m_task, m_state, methods,
                                          m_samples->value(), m_noiseSeed->value());
  if (!chains) {
    const QString error = QString::fromStdString(chains.error().message);
    m_info->setText(error);
    return error;
  }
  auto taskModel = sim::TaskModel::create(m_task);
  if (!taskModel) return QString::fromStdString(taskModel.error().message);
  std::shared_ptr<const mjModel> model(taskModel.value(), taskModel.value()->model());
  for (int i = 0; i < kMethods; ++i) {
    m_chains[i] = chains.value()[i];
    VtkView* v = m_views[i];
    if (!v->scene() || v->scene()->model()->nbody != model->nbody ||
        v->property("task").toString() != QString::fromStdString(m_task)) {
      if (!v->setModel(model)) continue;
      v->setProperty("task", QString::fromStdString(m_task));
    }
    if (Status st = v->scene()->setState(m_state.data(), static_cast<int>(m_state.size())); !st) {
      const QString error = QString::fromStdString(st.error().message);
      v->setMessage(error);
      m_info->setText(error);
      return error;
    }
    // the chains span centimetres: look at them from close by
    const auto& ee = m_chains[i].eePos;
    v->scene()->focusOn({ee[0], ee[1], ee[2] - 0.03}, 0.45);
    v->scene()->setOverlay(chainOverlay(m_chains[i], m_tubes->isChecked()));
    v->refresh();
  }
  m_info->setText(
      tr("%1 · %n sample(s) × %2 denoising steps · chunk %3 (executed %4)", "", m_samples->value())
          .arg(QString::fromStdString(m_task))
          .arg(m_chains[0].steps)
          .arg(m_chains[0].chunk)
          .arg(m_chains[0].executed));
  return {};
}

}  // namespace pirl::widgets

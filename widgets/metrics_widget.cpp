#include "widgets/metrics_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSaveFile>
#include <QSplitter>
#include <QSvgGenerator>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/rl/train_config.h"
#include "core/storage/database.h"
#include "widgets/plot_math.h"
#include "widgets/qcustomplot_include.h"

namespace pirl::widgets {

namespace {

const QColor kPalette[] = {QColor(31, 119, 180),  QColor(255, 127, 14),  QColor(44, 160, 44),
                           QColor(214, 39, 40),   QColor(148, 103, 189), QColor(140, 86, 75),
                           QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                           QColor(23, 190, 207)};

QColor colourOf(int i) { return kPalette[i % (sizeof(kPalette) / sizeof(kPalette[0]))]; }

// a config with seed and name cleared: runs that differ only there are seeds of one setup
QString groupKeyOf(const std::string& yaml) {
  auto config = rl::parseTrainConfig(yaml, "run config");
  if (!config) return QString::fromStdString(yaml);
  config->seed = 0;
  config->name.clear();
  return QString::fromStdString(config->toYaml());
}

}  // namespace

// one curve on the chart (a run, or the mean of a seed group) with its full-resolution data
struct PlotItem {
  QCPGraph* raw = nullptr;
  QCPGraph* smooth = nullptr;
  QCPGraph* upper = nullptr;
  QCPGraph* lower = nullptr;
  std::vector<double> x, rawY, smoothY, upperY, lowerY;
  qint64 runId = 0;  // 0 for a group
};

struct MetricsWidget::Plotted {
  std::vector<PlotItem> items;
};

MetricsWidget::MetricsWidget(QWidget* parent)
    : QWidget(parent), m_plotted(std::make_unique<Plotted>()) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("X axis:")));
  m_xCombo = new QComboBox;
  m_xCombo->addItems({tr("Step"), tr("Env steps"), tr("Wall time (s)")});
  m_xCombo->setToolTip(tr("Plot against iterations, environment steps or seconds"));
  controls->addWidget(m_xCombo);
  controls->addWidget(new QLabel(tr("Smoothing:")));
  m_smoothSpin = new QDoubleSpinBox;
  m_smoothSpin->setRange(0.0, 0.999);
  m_smoothSpin->setSingleStep(0.05);
  m_smoothSpin->setDecimals(3);
  m_smoothSpin->setValue(m_smoothing);
  m_smoothSpin->setToolTip(
      tr("Debiased exponential moving average weight (TensorBoard's formula), computed on "
         "the full-resolution data; the raw curve is drawn faint"));
  controls->addWidget(m_smoothSpin);
  m_groupCheck = new QCheckBox(tr("Group seeds"));
  m_groupCheck->setToolTip(
      tr("Runs whose configs differ only in seed and name are drawn as "
         "their mean with a ± standard deviation band"));
  controls->addWidget(m_groupCheck);
  m_logCheck = new QCheckBox(tr("Log y"));
  controls->addWidget(m_logCheck);
  auto* reset = new QToolButton;
  reset->setText(tr("Fit"));
  reset->setToolTip(tr("Fit the axes to the data (zoom with the wheel, pan by dragging)"));
  controls->addWidget(reset);
  auto* exportButton = new QToolButton;
  exportButton->setText(tr("Export…"));
  exportButton->setToolTip(tr("Save the chart as PNG or SVG, or the data as CSV"));
  controls->addWidget(exportButton);
  controls->addStretch(1);
  m_info = new QLabel;
  controls->addWidget(m_info);
  layout->addLayout(controls);

  auto* split = new QSplitter;
  m_tree = new QTreeWidget;
  m_tree->setHeaderLabel(tr("Metrics"));
  m_tree->setMinimumWidth(160);
  split->addWidget(m_tree);
  m_plot = new QCustomPlot;
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->setNoAntialiasingOnDrag(true);
  m_plot->legend->setVisible(true);
  m_plot->legend->setFont(font());
  m_plot->setMinimumSize(320, 200);
  split->addWidget(m_plot);
  split->setStretchFactor(1, 1);
  split->setSizes({200, 800});
  layout->addWidget(split, 1);

  m_liveTimer = new QTimer(this);
  m_liveTimer->setSingleShot(true);
  m_liveTimer->setInterval(100);
  connect(m_liveTimer, &QTimer::timeout, this, [this]() {
    if (!m_dirty) return;
    m_dirty = false;
    appendNewPoints();
  });

  connect(m_xCombo, &QComboBox::currentIndexChanged, this,
          [this](int i) { setXAxis(static_cast<XAxis>(i)); });
  connect(m_smoothSpin, &QDoubleSpinBox::valueChanged, this, [this](double v) { setSmoothing(v); });
  connect(m_groupCheck, &QCheckBox::toggled, this, [this](bool on) { setGroupSeeds(on); });
  connect(m_logCheck, &QCheckBox::toggled, this, [this](bool on) { setLogY(on); });
  connect(reset, &QToolButton::clicked, this, [this]() {
    fitAxes();
    redraw();
  });
  connect(exportButton, &QToolButton::clicked, this, [this]() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export chart"), m_metric.section('/', -1) + ".png",
                                     tr("PNG image (*.png);;SVG image (*.svg);;CSV data (*.csv)"));
    if (path.isEmpty()) return;
    const QString error =
        path.endsWith(".csv", Qt::CaseInsensitive) ? exportCsv(path) : exportImage(path);
    m_info->setText(error.isEmpty() ? tr("Saved %1").arg(path) : error);
  });
  connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (m_rebuilding || !item) return;
    const QString key = item->data(0, Qt::UserRole).toString();
    if (!key.isEmpty() && key != m_metric) {
      m_metric = key;
      loadSeries();
    }
  });
  connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
          [this](const QCPRange&) { updateReduced(); });
  connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) { showTooltip(e); });
  // clicking a curve opens the episodes of the nearest iteration of that run
  connect(m_plot, &QCustomPlot::plottableClick, this,
          [this](QCPAbstractPlottable* plottable, int, QMouseEvent* event) {
            for (const auto& item : m_plotted->items) {
              if (item.runId == 0 || (plottable != item.raw && plottable != item.smooth)) continue;
              const double x = m_plot->xAxis->pixelToCoord(event->position().x());
              const qint64 step = stepNear(item.runId, x);
              if (step >= 0) Q_EMIT pointClicked(item.runId, step);
            }
          });
}

MetricsWidget::~MetricsWidget() = default;

void MetricsWidget::setDatabase(storage::Database* db) {
  m_db = db;
  m_runIds.clear();
  reload();
}

void MetricsWidget::setRuns(const QList<qint64>& runs) {
  if (runs == m_runIds) return;
  m_runIds = runs;
  reload();
}

void MetricsWidget::reload() {
  rebuildTree();
  loadSeries();
}

QStringList MetricsWidget::metricNames() const {
  QStringList names;
  if (!m_db) return names;
  for (qint64 id : m_runIds) {
    auto keys = m_db->metricKeys(id);
    if (!keys) continue;
    for (const auto& k : keys.value()) names << QString::fromStdString(k);
  }
  names.removeDuplicates();
  names.sort();
  return names;
}

void MetricsWidget::rebuildTree() {
  m_rebuilding = true;
  m_tree->clear();
  const QStringList names = metricNames();
  m_names = names;
  std::map<QString, QTreeWidgetItem*> nodes;
  QTreeWidgetItem* current = nullptr;
  for (const QString& name : names) {
    const QStringList parts = name.split('/');
    QTreeWidgetItem* parent = nullptr;
    QString path;
    for (int i = 0; i < parts.size(); ++i) {
      path += (i ? "/" : "") + parts[i];
      auto it = nodes.find(path);
      if (it == nodes.end()) {
        auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
        item->setText(0, parts[i]);
        it = nodes.emplace(path, item).first;
      }
      parent = it->second;
    }
    parent->setData(0, Qt::UserRole, name);
    parent->setToolTip(0, name);
    if (name == m_metric) current = parent;
  }
  if (!current && !names.isEmpty()) {
    const QString fallback = names.contains("eval/success_once") ? "eval/success_once"
                             : names.contains("train/loss")      ? "train/loss"
                                                                 : names.front();
    m_metric = fallback;
    current = nodes[fallback];
  }
  if (current) {
    m_tree->setCurrentItem(current);
    for (auto* p = current->parent(); p; p = p->parent()) p->setExpanded(true);
  }
  m_rebuilding = false;
}

void MetricsWidget::setMetric(const QString& key) {
  m_metric = key;
  rebuildTree();
  loadSeries();
}

void MetricsWidget::loadSeries() {
  std::vector<RunSeries> series;
  if (m_db && !m_metric.isEmpty()) {
    for (qint64 id : m_runIds) {
      auto run = m_db->run(id);
      auto points = m_db->metric(id, m_metric.toStdString());
      if (!run || !points || points.value().empty()) continue;
      RunSeries s;
      s.runId = id;
      s.name = QStringLiteral("%1 #%2").arg(QString::fromStdString(run->name)).arg(id);
      s.groupKey = groupKeyOf(run->config);
      for (const auto& p : points.value()) {
        s.steps.push_back(p.step);
        s.envSteps.push_back(static_cast<double>(p.envSteps));
        s.wallTime.push_back(p.wallTime);
        s.values.push_back(p.value);
      }
      series.push_back(std::move(s));
    }
  }
  setSeries(std::move(series));
}

void MetricsWidget::setSeries(std::vector<RunSeries> series) {
  m_series = std::move(series);
  rebuildGraphs();
  fitAxes();
  redraw();
}

void MetricsWidget::runProgressed(qint64 runId) {
  if (!m_runIds.contains(runId)) return;
  m_dirty = true;
  if (!m_liveTimer->isActive()) m_liveTimer->start();
}

void MetricsWidget::appendNewPoints() {
  if (!m_db) return;
  if (metricNames() != m_names) {
    // new metric names appeared (the first iterations of a run): rebuild everything
    reload();
    return;
  }
  bool grew = false;
  for (qint64 id : m_runIds) {
    auto it = std::find_if(m_series.begin(), m_series.end(),
                           [id](const RunSeries& s) { return s.runId == id; });
    if (it == m_series.end()) {
      loadSeries();
      return;
    }
    const std::int64_t from = it->steps.empty() ? INT64_MIN : it->steps.back() + 1;
    auto points = m_db->metric(id, m_metric.toStdString(), from);
    if (!points) continue;
    for (const auto& p : points.value()) {
      it->steps.push_back(p.step);
      it->envSteps.push_back(static_cast<double>(p.envSteps));
      it->wallTime.push_back(p.wallTime);
      it->values.push_back(p.value);
      grew = true;
    }
  }
  if (!grew) return;
  // keep the user's zoom unless the view showed all data before
  const QCPRange before = m_plot->xAxis->range();
  double oldMax = -1e300;
  for (const auto& item : m_plotted->items) {
    if (!item.x.empty()) oldMax = std::max(oldMax, item.x.back());
  }
  rebuildGraphs();
  if (before.upper >= oldMax) fitAxes();
  redraw();
}

std::vector<double> MetricsWidget::xOf(const RunSeries& s) const {
  switch (m_xAxis) {
    case XAxis::kEnvSteps:
      return s.envSteps;
    case XAxis::kWallTime:
      return s.wallTime;
    case XAxis::kStep:
      break;
  }
  return std::vector<double>(s.steps.begin(), s.steps.end());
}

double MetricsWidget::xAt(const RunSeries& s, size_t k) const {
  switch (m_xAxis) {
    case XAxis::kEnvSteps:
      return s.envSteps[k];
    case XAxis::kWallTime:
      return s.wallTime[k];
    case XAxis::kStep:
      break;
  }
  return static_cast<double>(s.steps[k]);
}

void MetricsWidget::rebuildGraphs() {
  auto& items = m_plotted->items;
  items.clear();
  m_plot->clearGraphs();
  m_smoothed.clear();
  for (const auto& s : m_series) m_smoothed.push_back(debiasedEma(s.values, m_smoothing));

  // seed groups: indices of series sharing a group key (only with grouping on)
  std::vector<std::vector<size_t>> groups;
  std::map<QString, size_t> groupOf;
  for (size_t i = 0; i < m_series.size(); ++i) {
    const QString key = m_groupSeeds ? m_series[i].groupKey : QString::number(i);
    auto it = groupOf.find(key);
    if (it == groupOf.end()) {
      groupOf[key] = groups.size();
      groups.push_back({i});
    } else {
      groups[it->second].push_back(i);
    }
  }
  int colour = 0;
  for (const auto& members : groups) {
    PlotItem item;
    const QColor c = colourOf(colour++);
    QColor faint = c;
    faint.setAlpha(60);
    if (members.size() == 1) {
      const RunSeries& s = m_series[members[0]];
      item.runId = s.runId;
      item.x = xOf(s);
      item.rawY = s.values;
      item.smoothY = m_smoothed[members[0]];
    } else {
      std::vector<StepSeries> raw, smooth;
      for (size_t i : members) {
        const auto x = xOf(m_series[i]);
        raw.push_back({m_series[i].steps, x, m_series[i].values});
        smooth.push_back({m_series[i].steps, x, m_smoothed[i]});
      }
      const BandSeries rawBand = meanBand(raw);
      const BandSeries band = meanBand(smooth);
      item.x = band.x;
      item.rawY = rawBand.mean;
      item.smoothY = band.mean;
      for (size_t k = 0; k < band.mean.size(); ++k) {
        item.upperY.push_back(band.mean[k] + band.std[k]);
        item.lowerY.push_back(band.mean[k] - band.std[k]);
      }
      item.lower = m_plot->addGraph();
      item.lower->setPen(QPen(faint));
      item.lower->removeFromLegend();
      item.upper = m_plot->addGraph();
      item.upper->setPen(QPen(faint));
      QColor fill = c;
      fill.setAlpha(40);
      item.upper->setBrush(fill);
      item.upper->setChannelFillGraph(item.lower);
      item.upper->removeFromLegend();
    }
    item.raw = m_plot->addGraph();
    // thin pens only: a 2 px antialiased pen made a 10 x 200k-point redraw 40x slower
    item.raw->setPen(QPen(faint, 1));
    item.raw->setAntialiased(false);
    item.raw->removeFromLegend();
    item.smooth = m_plot->addGraph();
    item.smooth->setPen(QPen(c, 1));
    item.smooth->setName(members.size() == 1
                             ? m_series[members[0]].name
                             : tr("%1 (mean ± std of %n seeds)", "", int(members.size()))
                                   .arg(m_series[members[0]].name));
    items.push_back(std::move(item));
  }
  m_plot->xAxis->setLabel(m_xCombo->currentText());
  m_plot->yAxis->setLabel(m_metric);
  size_t points = 0;
  for (const auto& s : m_series) points += s.values.size();
  m_info->setText(tr("%n run(s), %1 points", "", int(m_series.size())).arg(points));
}

void MetricsWidget::updateReduced() {
  const QCPRange range = m_plot->xAxis->range();
  const int columns = std::max(1, m_plot->axisRect()->width());
  auto set = [&](QCPGraph* g, const std::vector<double>& x, const std::vector<double>& y) {
    if (!g) return;
    XySeries r = downsampleMinMax(x, y, range.lower, range.upper, columns);
    g->setData(QVector<double>(r.x.begin(), r.x.end()), QVector<double>(r.y.begin(), r.y.end()),
               true);
  };
  for (auto& item : m_plotted->items) {
    set(item.raw, item.x, item.rawY);
    set(item.smooth, item.x, item.smoothY);
    set(item.upper, item.x, item.upperY);
    set(item.lower, item.x, item.lowerY);
  }
}

void MetricsWidget::fitAxes() {
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  auto extend = [&](const std::vector<double>& ys) {
    for (double y : ys) {
      if (!std::isfinite(y) || (m_logY && y <= 0.0)) continue;
      y0 = std::min(y0, y);
      y1 = std::max(y1, y);
    }
  };
  for (const auto& item : m_plotted->items) {
    if (item.x.empty()) continue;
    x0 = std::min(x0, item.x.front());
    x1 = std::max(x1, item.x.back());
    extend(item.rawY);
    extend(item.upperY);
    extend(item.lowerY);
  }
  if (x0 > x1) return;
  if (x1 == x0) x1 = x0 + 1.0;
  if (y1 <= y0) {
    y0 -= 0.5;
    y1 += 0.5;
  }
  const double pad = (x1 - x0) * 0.02;
  m_plot->xAxis->blockSignals(true);
  m_plot->xAxis->setRange(x0 - pad, x1 + pad);
  m_plot->xAxis->blockSignals(false);
  if (m_logY) {
    m_plot->yAxis->setRange(y0 / 1.2, y1 * 1.2);
  } else {
    const double ypad = (y1 - y0) * 0.05;
    m_plot->yAxis->setRange(y0 - ypad, y1 + ypad);
  }
}

double MetricsWidget::redraw() {
  QElapsedTimer timer;
  timer.start();
  updateReduced();
  m_plot->replot(QCustomPlot::rpImmediateRefresh);
  return timer.nsecsElapsed() / 1e6;
}

int MetricsWidget::plottedPoints(qint64 runId) const {
  for (const auto& item : m_plotted->items) {
    if (item.runId == runId) return item.raw->dataCount();
  }
  return 0;
}

void MetricsWidget::setXAxis(XAxis axis) {
  if (m_xCombo->currentIndex() != static_cast<int>(axis)) {
    m_xCombo->setCurrentIndex(static_cast<int>(axis));  // comes back here through the signal
    return;
  }
  m_xAxis = axis;
  rebuildGraphs();
  fitAxes();
  redraw();
}

void MetricsWidget::setSmoothing(double weight) {
  weight = std::clamp(weight, 0.0, 0.999);
  if (m_smoothSpin->value() != weight) m_smoothSpin->setValue(weight);
  if (weight == m_smoothing) return;
  m_smoothing = weight;
  rebuildGraphs();
  redraw();
}

void MetricsWidget::setGroupSeeds(bool on) {
  if (m_groupCheck->isChecked() != on) m_groupCheck->setChecked(on);
  if (on == m_groupSeeds) return;
  m_groupSeeds = on;
  rebuildGraphs();
  redraw();
}

void MetricsWidget::setLogY(bool on) {
  if (m_logCheck->isChecked() != on) m_logCheck->setChecked(on);
  if (on == m_logY) return;
  m_logY = on;
  m_plot->yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  m_plot->yAxis->setTicker(on ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog)
                              : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  fitAxes();
  redraw();
}

QString MetricsWidget::valuesAt(double x) const {
  QStringList lines;
  for (size_t i = 0; i < m_series.size(); ++i) {
    const RunSeries& s = m_series[i];
    const size_t n = s.values.size();
    if (n == 0) continue;
    // nearest point by x (binary search on the ascending abscissae)
    size_t lo = 0, hi = n;
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (xAt(s, mid) < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    size_t k = std::min(lo, n - 1);
    if (k > 0 && (lo == n || x - xAt(s, k - 1) < xAt(s, k) - x)) --k;
    lines << tr("%1 @ %2: %3 (raw %4)")
                 .arg(m_series[i].name)
                 .arg(m_series[i].steps[k])
                 .arg(m_smoothed[i][k], 0, 'g', 5)
                 .arg(m_series[i].values[k], 0, 'g', 5);
  }
  return lines.join('\n');
}

qint64 MetricsWidget::stepNear(qint64 runId, double x) const {
  for (const auto& s : m_series) {
    if (s.runId != runId || s.values.empty()) continue;
    size_t best = 0;
    for (size_t k = 1; k < s.values.size(); ++k) {
      if (std::abs(xAt(s, k) - x) < std::abs(xAt(s, best) - x)) best = k;
    }
    return s.steps[best];
  }
  return -1;
}

void MetricsWidget::showTooltip(QMouseEvent* event) {
  if (m_series.empty() || !m_plot->axisRect()->rect().contains(event->pos())) {
    QToolTip::hideText();
    return;
  }
  const double x = m_plot->xAxis->pixelToCoord(event->pos().x());
  QToolTip::showText(event->globalPosition().toPoint(), valuesAt(x), m_plot);
}

QString MetricsWidget::exportImage(const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return tr("Cannot write %1").arg(path);
  if (path.endsWith(".svg", Qt::CaseInsensitive)) {
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(m_plot->size());
    svg.setViewBox(QRect(QPoint(0, 0), m_plot->size()));
    svg.setTitle(m_metric);
    QCPPainter painter(&svg);
    m_plot->toPainter(&painter, m_plot->width(), m_plot->height());
    painter.end();
  } else {
    const QPixmap pixmap = m_plot->toPixmap(m_plot->width(), m_plot->height());
    if (!pixmap.save(&file, "PNG")) return tr("Cannot encode %1").arg(path);
  }
  return file.commit() ? QString() : tr("Cannot write %1").arg(path);
}

QString MetricsWidget::exportCsv(const QString& path) const {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return tr("Cannot write %1").arg(path);
  QByteArray out = "run_id,run,metric,step,env_steps,wall_time,value,smoothed\n";
  for (size_t i = 0; i < m_series.size(); ++i) {
    const RunSeries& s = m_series[i];
    QString name = s.name;
    name.replace('"', "\"\"");
    for (size_t k = 0; k < s.values.size(); ++k) {
      out += QStringLiteral("%1,\"%2\",%3,%4,%5,%6,%7,%8\n")
                 .arg(s.runId)
                 .arg(name, m_metric)
                 .arg(s.steps[k])
                 .arg(s.envSteps[k], 0, 'g', 15)
                 .arg(s.wallTime[k], 0, 'g', 10)
                 .arg(s.values[k], 0, 'g', 17)
                 .arg(m_smoothed[i][k], 0, 'g', 17)
                 .toUtf8();
    }
  }
  file.write(out);
  return file.commit() ? QString() : tr("Cannot write %1").arg(path);
}

}  // namespace pirl::widgets

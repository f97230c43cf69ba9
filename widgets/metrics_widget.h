#pragma once

#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QTimer;
class QTreeWidget;

namespace pirl::storage {
class Database;
}

namespace pirl::widgets {

/// One run's full-resolution series of the shown metric.
struct RunSeries {
  /// Database run id.
  qint64 runId = 0;
  /// Legend name.
  QString name;
  /// Runs with equal group keys (same config up to seed and name) form one seed group.
  QString groupKey;
  /// Step of each point.
  std::vector<std::int64_t> steps;
  /// Environment steps of each point.
  std::vector<double> envSteps;
  /// Seconds since the run started at each point.
  std::vector<double> wallTime;
  /// Values.
  std::vector<double> values;
};

/// What the x axis shows.
enum class XAxis { kStep, kEnvSteps, kWallTime };

/// Metric charts: a tree of metric names, any number of runs overlaid, x as step /
/// environment steps / wall time, TensorBoard's debiased EMA on full-resolution data with the
/// raw curve faint, mean ± std bands across seeds, log-y, a hover tooltip with every run's
/// value, zoom/pan, and PNG / SVG / CSV export. Large series are reduced to min/max/first/last
/// per pixel column of the visible range, recomputed on zoom; live updates are coalesced to at
/// most 10 redraws per second.
class MetricsWidget : public QWidget {
  Q_OBJECT
 public:
  explicit MetricsWidget(QWidget* parent = nullptr);
  ~MetricsWidget() override;

  /// Reads metrics from `db` (not owned; may be null).
  void setDatabase(storage::Database* db);
  /// Runs to overlay.
  void setRuns(const QList<qint64>& runs);
  /// Runs shown.
  QList<qint64> runs() const { return m_runIds; }
  /// Shows metric `key` (selects it in the tree).
  void setMetric(const QString& key);
  /// Metric shown.
  QString metric() const { return m_metric; }
  /// Metric names of the shown runs.
  QStringList metricNames() const;
  /// X axis.
  void setXAxis(XAxis axis);
  /// Smoothing weight in [0, 0.999].
  void setSmoothing(double weight);
  /// Mean ± std bands for runs that differ only in seed.
  void setGroupSeeds(bool on);
  /// Logarithmic y axis.
  void setLogY(bool on);
  /// Replaces the data (instead of reading the database); for benchmarks and tests.
  void setSeries(std::vector<RunSeries> series);
  /// The full-resolution series shown.
  const std::vector<RunSeries>& series() const { return m_series; }
  /// Points currently handed to the plot for run `runId`'s raw curve (after reduction).
  int plottedPoints(qint64 runId) const;
  /// Text of the hover tooltip at plot x coordinate `x` (every run's value there).
  QString valuesAt(double x) const;
  /// Fits both axes to the full-resolution data (with a small margin).
  void fitAxes();
  /// Recomputes the reduced curves for the visible range and redraws at once; returns ms.
  double redraw();
  /// The chart (for zooming in tests and benchmarks).
  QCustomPlot* plot() const { return m_plot; }

  /// Step of run `runId`'s point nearest to plot x coordinate `x` (-1 if the run is not shown).
  qint64 stepNear(qint64 runId, double x) const;

  /// Writes the chart as PNG or SVG (by extension); returns an error message or empty.
  QString exportImage(const QString& path);
  /// Writes the shown series at full resolution as CSV; returns an error message or empty.
  QString exportCsv(const QString& path) const;

 Q_SIGNALS:
  /// A point of run `runId`'s curve at iteration `step` was clicked (opens its episodes).
  void pointClicked(qint64 runId, qint64 step);

 public Q_SLOTS:
  /// Marks run `runId` as having new metrics; the chart refreshes within 100 ms.
  void runProgressed(qint64 runId);
  /// Re-reads the metric names and series from the database.
  void reload();

 private:
  void rebuildTree();
  void loadSeries();
  void appendNewPoints();
  void rebuildGraphs();
  void updateReduced();
  void showTooltip(QMouseEvent* event);
  std::vector<double> xOf(const RunSeries& s) const;
  double xAt(const RunSeries& s, size_t k) const;
  struct Plotted;

  storage::Database* m_db = nullptr;
  QList<qint64> m_runIds;
  QString m_metric;
  XAxis m_xAxis = XAxis::kStep;
  double m_smoothing = 0.6;
  bool m_groupSeeds = false;
  bool m_logY = false;
  bool m_dirty = false;
  bool m_rebuilding = false;
  std::vector<RunSeries> m_series;
  std::vector<std::vector<double>> m_smoothed;
  std::unique_ptr<Plotted> m_plotted;
  QStringList m_names;
  QTreeWidget* m_tree = nullptr;
  QCustomPlot* m_plot = nullptr;
  QComboBox* m_xCombo = nullptr;
  QDoubleSpinBox* m_smoothSpin = nullptr;
  QCheckBox* m_groupCheck = nullptr;
  QCheckBox* m_logCheck = nullptr;
  QLabel* m_info = nullptr;
  QTimer* m_liveTimer = nullptr;
};

}  // namespace pirl::widgets

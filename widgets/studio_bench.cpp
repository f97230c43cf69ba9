#include "widgets/studio_bench.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/rl/train_config.h"
#include "widgets/launcher_widget.h"
#include "widgets/live_view.h"
#include "widgets/main_window.h"
#include "widgets/metrics_widget.h"
#include "widgets/qcustomplot_include.h"
#include "widgets/run_manager.h"
#include "widgets/vtk_view.h"

namespace pirl::widgets {

namespace {

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  return v[k];
}

}  // namespace

QString benchPlot(int runs, int points, int repeats) {
  MetricsWidget widget;
  widget.resize(1280, 720);
  widget.show();
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0.0, 0.05);
  std::vector<RunSeries> series;
  for (int r = 0; r < runs; ++r) {
    RunSeries s;
    s.runId = r + 1;
    s.name = QStringLiteral("run %1").arg(r + 1);
    s.groupKey = s.name;
    for (int i = 0; i < points; ++i) {
      s.steps.push_back(i);
      s.envSteps.push_back(i * 1024.0);
      s.wallTime.push_back(i * 0.01);
      // a learning curve with noise and rare spikes that downsampling must keep
      double v = 1.0 - std::exp(-i / (points / 5.0)) + noise(rng);
      if (i % 9973 == r) v += 3.0;
      s.values.push_back(v);
    }
    series.push_back(std::move(s));
  }
  QElapsedTimer load;
  load.start();
  widget.setSeries(std::move(series));
  const double loadMs = load.nsecsElapsed() / 1e6;
  QApplication::processEvents();
  QJsonObject zooms;
  std::vector<double> all;
  for (double fraction : {1.0, 0.5, 0.1, 0.01}) {
    std::vector<double> times;
    for (int k = 0; k < repeats; ++k) {
      // pan a little each time so every redraw recomputes the reduction
      const double width = points * fraction;
      const double start = (points - width) * (k % 2 ? 0.25 : 0.5);
      widget.plot()->xAxis->blockSignals(true);
      widget.plot()->xAxis->setRange(start, start + width);
      widget.plot()->xAxis->blockSignals(false);
      times.push_back(widget.redraw());
    }
    all.insert(all.end(), times.begin(), times.end());
    zooms[QString::number(fraction)] =
        QJsonObject{{"median_ms", percentile(times, 0.5)}, {"max_ms", percentile(times, 1.0)}};
  }
  QJsonObject out{{"bench", "plot"},
                  {"runs", runs},
                  {"points_per_run", points},
                  {"width", 1280},
                  {"height", 720},
                  {"load_and_first_draw_ms", loadMs},
                  {"redraw_ms_median", percentile(all, 0.5)},
                  {"redraw_ms_p95", percentile(all, 0.95)},
                  {"redraw_ms_max", percentile(all, 1.0)},
                  {"plotted_points_per_run", widget.plottedPoints(1)},
                  {"by_visible_fraction", zooms},
                  {"platform", QGuiApplication::platformName()}};
  return QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact));
}

QString benchEventLoop(const QString& dbPath) {
  MainWindow window(dbPath);
  window.resize(1600, 1000);
  window.show();
  auto config = rl::parseTrainConfig(
      "name: eventloop-bench\nstage: sft_rl\ntasks: [reach]\n"
      "policy: {width: 64, depth: 2, chunk: 4, action_chunk: 2}\n"
      "sft: {demos_per_task: 4, epochs: 40, batch_size: 64}\n"
      "rl: {iterations: 15, num_envs: 64, rollout_chunks: 8, checkpoint_every: 5}\n"
      "eval: {episodes: 20, envs: 20, every: 5, ood: false}\n",
      "eventloop bench");
  if (!config) return QString::fromStdString(config.error().message);
  RunManager* manager = window.runManager();
  const int job = manager->launch(config.value(), false);
  std::vector<double> lateness;
  QElapsedTimer clock;
  clock.start();
  const int periodMs = 10;
  qint64 expected = periodMs;
  QTimer tick;
  tick.setTimerType(Qt::PreciseTimer);
  tick.setInterval(periodMs);
  QObject::connect(&tick, &QTimer::timeout, [&]() {
    const qint64 now = clock.elapsed();
    lateness.push_back(std::max<qint64>(0, now - expected));
    expected = now + periodMs;
  });
  tick.start();
  QEventLoop loop;
  QObject::connect(manager, &RunManager::jobEnded, &loop, [&](int id) {
    if (id == job) loop.quit();
  });
  loop.exec();
  tick.stop();
  const auto info = manager->job(job);
  QJsonObject out{{"bench", "eventloop"},
                  {"samples", static_cast<int>(lateness.size())},
                  {"timer_period_ms", periodMs},
                  {"latency_ms_p50", percentile(lateness, 0.5)},
                  {"latency_ms_p99", percentile(lateness, 0.99)},
                  {"latency_ms_max", percentile(lateness, 1.0)},
                  {"training_seconds", clock.elapsed() / 1000.0},
                  {"job_state", info ? jobStateName(info->state) : QString()},
                  {"job_message", info ? info->message : QString()},
                  {"platform", QGuiApplication::platformName()}};
  return QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact));
}

QString benchLive(const QString& dbPath, int repeats) {
  auto config = rl::parseTrainConfig(
      "name: live-bench\nstage: sft_rl\ntasks: [put_carrot_on_plate]\n"
      "policy: {width: 64, depth: 2, chunk: 8, action_chunk: 5}\n"
      "sft: {demos_per_task: 4, epochs: 20, batch_size: 64}\n"
      "rl: {iterations: 12, num_envs: 64, rollout_chunks: 8, checkpoint_every: 100}\n"
      "eval: {episodes: 10, envs: 10, ood: false}\n",
      "live bench");
  if (!config) return QString::fromStdString(config.error().message);
  RunManager manager(dbPath);
  LiveView live(&manager);
  live.resize(960, 600);
  std::vector<double> plain, watched;
  int frames = 0;
  double drawing = 0.0, watchedSeconds = 0.0;
  for (int r = 0; r < 2 * repeats; ++r) {
    const bool watch = r % 2 == 1;
    if (watch) {
      live.show();
    } else {
      live.hide();
    }
    const int shownBefore = live.snapshotsShown();
    const double drawingBefore = live.drawingMs();
    const int job = manager.launch(config.value(), false);
    live.setJob(watch ? job : 0);
    QEventLoop loop;
    QObject::connect(&manager, &RunManager::jobEnded, &loop, [&](int id) {
      if (id == job) loop.quit();
    });
    loop.exec();
    const auto info = manager.job(job);
    if (!info || info->state != JobState::kFinished) return QStringLiteral("bench run failed");
    // RL throughput: environment steps over the RL phase's seconds
    const double rate = info->envSteps / std::max(1e-9, info->seconds);
    (watch ? watched : plain).push_back(rate);
    if (watch) {
      frames += live.snapshotsShown() - shownBefore;
      drawing += live.drawingMs() - drawingBefore;
      watchedSeconds += info->seconds;
    }
  }
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0.0 : s / v.size();
  };
  const double a = mean(plain), b = mean(watched);
  QJsonArray pa, wa;
  for (double x : plain) pa.append(x);
  for (double x : watched) wa.append(x);
  QJsonObject out{{"bench", "live"},
                  {"env_steps_per_s_without_view", a},
                  {"env_steps_per_s_with_view", b},
                  {"slowdown_percent", 100.0 * (a - b) / std::max(1e-9, a)},
                  {"frames_rendered_while_watched", frames},
                  {"frames_per_s", frames / std::max(1e-9, watchedSeconds)},
                  {"drawing_ms_per_frame", drawing / std::max(1, frames)},
                  {"runs_without", pa},
                  {"runs_with", wa},
                  {"view", "960x600"},
                  {"platform", QGuiApplication::platformName()}};
  return QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact));
}

}  // namespace pirl::widgets

// pirl-studio: the PiRL Studio desktop application.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <clocale>
#include <cstdio>
#include <cstdlib>

#include "core/storage/database.h"
#include "widgets/denoise_view.h"
#include "widgets/main_window.h"
#include "widgets/metrics_widget.h"
#include "widgets/replay_view.h"
#include "widgets/runs_widget.h"
#include "widgets/studio_bench.h"
#include "widgets/translations.h"

int main(int argc, char** argv) {
  // benchmarks and screenshots also run without a display
  const bool headless =
      std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr;
  if (headless && std::getenv("QT_QPA_PLATFORM") == nullptr)
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
  QApplication app(argc, argv);
  // QApplication adopts the user's locale for the C library too; keep numbers in C format for
  // everything that prints or parses them (generated MJCF, YAML): "0.045", never "0,045"
  std::setlocale(LC_NUMERIC, "C");
  QApplication::setOrganizationName(QStringLiteral("pirl-studio"));
  QApplication::setApplicationName(QStringLiteral("pirl-studio"));
  QApplication::setApplicationVersion(QStringLiteral(PIRL_VERSION));
  QApplication::setApplicationDisplayName(QStringLiteral("PiRL Studio"));
  QApplication::setDesktopFileName(QStringLiteral("org.pirlstudio.PirlStudio"));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/pirl-studio.svg")));

  // the interface language: the system locale unless View → Language chose one
  pirl::widgets::installTranslations(QSettings().value("view/language", "system").toString());

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QApplication::translate("main",
                              "PiRL Studio: online RL fine-tuning of flow-matching "
                              "robot policies with Flow-Noise and Flow-SDE"));
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption dbOption("db", QApplication::translate("main", "Project database to open."),
                              "FILE");
  QCommandLineOption screenshotOption(
      "screenshot",
      QApplication::translate("main", "Write a PNG of the main window once loaded, then exit."),
      "FILE");
  QCommandLineOption runsOption(
      "runs", QApplication::translate("main", "Select these run ids (comma-separated) at start."),
      "IDS");
  QCommandLineOption benchOption(
      "bench",
      QApplication::translate("main",
                              "Run a GUI benchmark (plot, eventloop or live), print JSON, exit."),
      "NAME");
  QCommandLineOption screenshotsOption(
      "screenshots",
      QApplication::translate("main",
                              "Write PNGs of the window and each view into DIR, then exit."),
      "DIR");
  QCommandLineOption metricOption(
      "metric",
      QApplication::translate("main", "Metric to show at start (e.g. eval/success_once)."), "KEY");
  QCommandLineOption xOption(
      "x", QApplication::translate("main", "X axis at start: step, env_steps or wall_time."),
      "AXIS");
  QCommandLineOption replayOption(
      "replay",
      QApplication::translate("main", "Open run RUN's episodes of iteration STEP in Replay."),
      "RUN:STEP");
  QCommandLineOption frameOption(
      "frame", QApplication::translate("main", "Replay frame to show (with --replay)."), "N");
  QCommandLineOption denoiseOption(
      "denoise",
      QApplication::translate("main",
                              "Sample the denoising chains of the replay frame (or of the "
                              "selected run's task) at start."));
  parser.addOption(replayOption);
  parser.addOption(frameOption);
  parser.addOption(denoiseOption);
  parser.addOption(screenshotsOption);
  parser.addOption(metricOption);
  parser.addOption(xOption);
  parser.addOption(dbOption);
  parser.addOption(screenshotOption);
  parser.addOption(runsOption);
  parser.addOption(benchOption);
  parser.process(app);

  if (parser.isSet(benchOption)) {
    const QString name = parser.value(benchOption);
    QString json;
    if (name == "plot") {
      json = pirl::widgets::benchPlot(10, 200000, 20);
    } else if (name == "live") {
      QTemporaryDir dir;
      json = pirl::widgets::benchLive(dir.filePath("bench.db"), 3);
    } else if (name == "eventloop") {
      QTemporaryDir dir;
      QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
      json = pirl::widgets::benchEventLoop(dir.filePath("bench.db"));
    } else {
      std::fprintf(stderr, "error: unknown benchmark '%s' (plot, eventloop, live)\n",
                   qPrintable(name));
      return 2;
    }
    std::printf("%s\n", qPrintable(json));
    return 0;
  }

  QString dbPath = parser.value(dbOption);
  if (dbPath.isEmpty()) dbPath = QSettings().value("project/database").toString();
  if (dbPath.isEmpty()) {
    auto path = pirl::storage::Database::defaultPath();
    if (!path) {
      std::fprintf(stderr, "error: %s\n", path.error().message.c_str());
      return 1;
    }
    dbPath = QString::fromStdString(path.value());
  }
  pirl::widgets::MainWindow window(dbPath);
  window.show();
  if (parser.isSet(runsOption)) {
    QList<qint64> ids;
    for (const QString& s : parser.value(runsOption).split(',', Qt::SkipEmptyParts)) {
      ids << s.trimmed().toLongLong();
    }
    window.runs()->selectRuns(ids);
  }
  if (parser.isSet(replayOption)) {
    const QStringList parts = parser.value(replayOption).split(':');
    window.replay()->open(parts.value(0).toLongLong(), parts.value(1, "0").toLongLong());
    if (parser.isSet(frameOption)) window.replay()->setFrame(parser.value(frameOption).toInt());
  }
  if (parser.isSet(denoiseOption)) {
    const auto* episode = window.replay()->episode();
    if (episode) {
      window.denoise()->setRun(episode->run);
      window.denoise()->setObservation(episode->task, window.replay()->shownState());
    }
    const QString error = window.denoise()->sample();
    if (!error.isEmpty()) std::fprintf(stderr, "error: %s\n", qPrintable(error));
  }
  if (parser.isSet(metricOption)) window.metrics()->setMetric(parser.value(metricOption));
  if (parser.isSet(xOption)) {
    const QString x = parser.value(xOption);
    window.metrics()->setXAxis(x == "env_steps"   ? pirl::widgets::XAxis::kEnvSteps
                               : x == "wall_time" ? pirl::widgets::XAxis::kWallTime
                                                  : pirl::widgets::XAxis::kStep);
  }
  if (parser.isSet(screenshotsOption)) {
    const QString dir = parser.value(screenshotsOption);
    QTimer::singleShot(800, &window, [&window, dir]() {
      const QStringList files = window.writeScreenshots(dir);
      for (const QString& f : files) std::printf("%s\n", qPrintable(f));
      QApplication::exit(files.isEmpty() ? 1 : 0);
    });
  }
  if (parser.isSet(screenshotOption)) {
    const QString file = parser.value(screenshotOption);
    QTimer::singleShot(500, &window, [&window, file]() {
      const bool ok = window.grab().save(file, "PNG");
      if (!ok) std::fprintf(stderr, "error: cannot write %s\n", qPrintable(file));
      QApplication::exit(ok ? 0 : 1);
    });
  }
  return QApplication::exec();
}

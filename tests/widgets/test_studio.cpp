#include <QInputDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "core/rl/train_config.h"
#include "core/storage/database.h"
#include "widgets/jobs_widget.h"
#include "widgets/launcher_widget.h"
#include "widgets/main_window.h"
#include "widgets/metrics_widget.h"
#include "widgets/qcustomplot_include.h"
#include "widgets/replay_view.h"
#include "widgets/run_manager.h"
#include "widgets/runs_model.h"
#include "widgets/runs_widget.h"

using namespace pirl;
using namespace pirl::widgets;

namespace {

rl::TrainConfig tinyRun(const char* name, int iterations) {
  auto config =
      rl::parseTrainConfig(std::string("name: ") + name +
                               "\nstage: sft_rl\ntasks: [reach]\n"
                               "policy: {width: 32, depth: 2, chunk: 4, action_chunk: 2}\n"
                               "sft: {demos_per_task: 3, epochs: 5, batch_size: 16}\n"
                               "rl: {iterations: " +
                               std::to_string(iterations) +
                               ", num_envs: 8, rollout_chunks: 8, checkpoint_every: 2}\n"
                               "eval: {episodes: 8, envs: 8, every: 2, ood: false}\n",
                           "test");
  return config.value();
}

QPushButton* button(QWidget* w, const QString& text) {
  for (auto* b : w->findChildren<QPushButton*>()) {
    if (b->text().remove('&') == text) return b;
  }
  return nullptr;
}

}  // namespace

class TestStudio : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

 private Q_SLOTS:
  void initTestCase() {
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath("settings"));
  }

  void launchFromTheGuiTrainsAndPlots() {
    MainWindow window(m_dir.filePath("gui.db"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto config = tinyRun("gui-tiny", 3);
    window.launcher()->setConfig(config, config, "test");
    QSignalSpy ended(window.runManager(), &RunManager::jobEnded);
    button(window.launcher(), "Launch")->click();
    QCOMPARE(window.runManager()->activeCount(), 1);
    // the event loop keeps running while the run trains on its thread
    QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 1, 120000);
    const auto job = window.runManager()->jobs().front();
    QCOMPARE(job.state, JobState::kFinished);
    QVERIFY(job.runId > 0);
    QCOMPARE(job.step, 3);
    // the new run is selected and its metrics are in the chart
    QTRY_VERIFY(window.metrics()->runs().contains(job.runId));
    window.metrics()->setMetric("time/rollout_s");
    QTRY_VERIFY(!window.metrics()->series().empty());
    QCOMPARE(window.metrics()->series().front().values.size(), size_t(3));
    QVERIFY(window.metrics()->plottedPoints(job.runId) >= 3);
    QVERIFY(window.metrics()->metricNames().contains("train/actor/approx_kl"));
    window.runs()->refresh();
    const int row = window.runs()->model()->rowOfRun(job.runId);
    QVERIFY(row >= 0);
    QCOMPARE(window.runs()->model()->run(row).status, std::string("finished"));
    QVERIFY(window.metrics()->exportCsv(m_dir.filePath("m.csv")).isEmpty());
    QVERIFY(window.metrics()->exportImage(m_dir.filePath("m.svg")).isEmpty());
    QVERIFY(window.metrics()->exportImage(m_dir.filePath("m.png")).isEmpty());
    QFile csv(m_dir.filePath("m.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().count('\n'), 4);  // header + 3 iterations
    QVERIFY(QImage(m_dir.filePath("m.png")).width() > 100);

    // clicking a point of the curve opens that iteration's episodes in the replay
    {
      window.metrics()->setMetric("env/success_once");
      window.metrics()->setXAxis(XAxis::kStep);
      QCustomPlot* plot = window.metrics()->plot();
      const auto& s = window.metrics()->series().front();
      QVERIFY(!s.values.empty());
      const QPoint at(static_cast<int>(plot->xAxis->coordToPixel(double(s.steps.back()))),
                      static_cast<int>(plot->yAxis->coordToPixel(s.values.back())));
      QTest::mouseClick(plot, Qt::LeftButton, {}, at);
      QTRY_COMPARE(window.tabs()->currentWidget(), static_cast<QWidget*>(window.replay()));
      QVERIFY(window.replay()->episode() != nullptr);
      QCOMPARE(window.replay()->episode()->run, job.runId);
    }

    // the finished run trains further, in place, from the runs table
    window.runs()->refresh();
    window.runs()->selectRuns({job.runId});
    QSignalSpy further(window.runs(), &RunsWidget::trainFurtherRequested);
    QVERIFY(window.runs()->trainFurther(3).contains("more iterations"));  // not past step 3
    QCOMPARE(further.count(), 0);
    QCOMPARE(window.runs()->trainFurther(5), QString());
    QCOMPARE(further.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 2, 120000);
    const auto more = window.runManager()->jobs().back();
    QCOMPARE(more.state, JobState::kFinished);
    QCOMPARE(more.runId, job.runId);
    QCOMPARE(more.step, 5);
    auto db = storage::Database::open(m_dir.filePath("gui.db").toStdString()).value();
    const auto run = db->run(job.runId).value();
    QCOMPARE(run.status, std::string("finished"));
    QCOMPARE(rl::parseTrainConfig(run.config, "test").value().rl.iterations, 5);
    QCOMPARE(db->metric(job.runId, "time/rollout_s").value().size(), size_t(5));

    // asked interactively, the dialog offers 100 more than the run's length, at least one more
    // than its newest checkpoint; cancelling requests nothing
    window.runs()->refresh();
    window.runs()->selectRuns({job.runId});
    bool inspected = false;
    QTimer::singleShot(0, this, [&]() {
      auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
      QVERIFY(dialog);
      QCOMPARE(dialog->intValue(), 105);
      QCOMPARE(dialog->intMinimum(), 6);
      QVERIFY(dialog->labelText().contains("newest checkpoint is at iteration 5"));
      const QString shots = qEnvironmentVariable("PIRL_TEST_SHOTS");
      if (!shots.isEmpty()) dialog->grab().save(shots + "/train_further.png");
      inspected = true;
      dialog->reject();
    });
    QCOMPARE(window.runs()->trainFurther(), QString());
    QVERIFY(inspected);
    QCOMPARE(further.count(), 1);
  }

  void pauseResumeAndStopFromTheGui() {
    MainWindow window(m_dir.filePath("stop.db"));
    window.show();
    RunManager* manager = window.runManager();
    QSignalSpy ended(manager, &RunManager::jobEnded);
    const int job = manager->launch(tinyRun("gui-long", 500), false);
    QTRY_VERIFY_WITH_TIMEOUT(manager->job(job)->phase == "rl" && manager->job(job)->step >= 1,
                             120000);
    window.jobs()->pauseSelected();
    QCOMPARE(manager->job(job)->state, JobState::kPaused);
    QTest::qWait(1500);  // a paused run makes no progress (one chunk may finish)
    const int pausedAt = manager->job(job)->step;
    QTest::qWait(1500);
    QCOMPARE(manager->job(job)->step, pausedAt);
    window.jobs()->resumeSelected();
    QCOMPARE(manager->job(job)->state, JobState::kRunning);
    QTRY_VERIFY_WITH_TIMEOUT(manager->job(job)->step > pausedAt, 60000);
    window.jobs()->stopSelected();
    QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 1, 60000);
    const auto info = manager->job(job).value();
    QCOMPARE(info.state, JobState::kStopped);
    QVERIFY(info.step < 500);
    auto db = storage::Database::open(m_dir.filePath("stop.db").toStdString()).value();
    QCOMPARE(db->run(info.runId).value().status, std::string("stopped"));
    QVERIFY(!db->checkpoints(info.runId).value().empty());
  }

  void queuedJobsRunOneAfterAnother() {
    RunManager manager(m_dir.filePath("queue.db"));
    QSignalSpy ended(&manager, &RunManager::jobEnded);
    const int a = manager.launch(tinyRun("first", 1), true);
    const int b = manager.launch(tinyRun("second", 1), true);
    const int c = manager.launch(tinyRun("third", 1), true);
    QCOMPARE(manager.job(a)->state, JobState::kRunning);
    QCOMPARE(manager.job(b)->state, JobState::kQueued);
    manager.stop(c);  // removed from the queue, never runs
    QCOMPARE(manager.job(c)->state, JobState::kStopped);
    QTRY_VERIFY_WITH_TIMEOUT(manager.job(a)->state == JobState::kFinished, 120000);
    QVERIFY(manager.job(b)->state != JobState::kQueued);
    QTRY_VERIFY_WITH_TIMEOUT(manager.job(b)->state == JobState::kFinished, 120000);
    QCOMPARE(manager.job(c)->runId, qint64(0));
  }

  void screenshotOfTheMainWindow() {
    MainWindow window(m_dir.filePath("gui.db"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QImage shot = window.grab().toImage();
    QVERIFY(shot.width() >= 800 && shot.height() >= 600);
    // not a blank window: many distinct colours
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 7) {
      for (int x = 0; x < shot.width(); x += 7) colours.insert(shot.pixel(x, y));
    }
    QVERIFY(colours.size() > 20);
  }
};

QTEST_MAIN(TestStudio)
#include "test_studio.moc"

#include <QDialog>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>
#include <algorithm>

#include "core/rl/train_config.h"
#include "core/session/training_session.h"
#include "core/storage/database.h"
#include "widgets/checkpoint_browser.h"
#include "widgets/ghost_replay.h"

using namespace pirl;
using namespace pirl::widgets;

namespace {
QToolButton* button(QWidget* w, const QString& text) {
  for (auto* b : w->findChildren<QToolButton*>()) {
    if (b->text() == text) return b;
  }
  return nullptr;
}
}  // namespace

class TestBrowser : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  QString m_db;
  qint64 m_run = 0;
  std::unique_ptr<storage::Database> m_conn;

 private Q_SLOTS:
  void initTestCase() {
    auto config = rl::parseTrainConfig(
        "name: browse\nstage: sft_rl\ntasks: [reach]\n"
        "policy: {width: 32, depth: 2, chunk: 4, action_chunk: 2}\n"
        "sft: {demos_per_task: 3, epochs: 5, batch_size: 16}\n"
        "rl: {iterations: 3, num_envs: 8, rollout_chunks: 8, checkpoint_every: 1}\n"
        "eval: {episodes: 4, envs: 4, ood: false}\n",
        "browse");
    m_db = m_dir.filePath("browse.db");
    auto out = session::runTraining(config.value(), m_db.toStdString());
    QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
    m_run = out->runId;
    // a fork of it, recorded with its origin
    auto cks = storage::Database::open(m_db.toStdString()).value()->checkpoints(m_run).value();
    auto fork = config.value();
    fork.name = "browse-fork";
    fork.stage = "rl";
    fork.rl.iterations = 1;
    fork.rl.initCheckpoint = cks.back().path;
    QVERIFY(session::runTraining(fork, m_db.toStdString()).ok());
    m_conn = std::move(storage::Database::open(m_db.toStdString()).value());
  }

  void treeShowsRunsCheckpointsAndLineage() {
    CheckpointBrowser browser;
    browser.setDatabase(m_conn.get(), m_db);
    QCOMPARE(browser.tree()->topLevelItemCount(), 2);
    QTreeWidgetItem* forkItem = nullptr;
    QTreeWidgetItem* runItem = nullptr;
    for (int i = 0; i < 2; ++i) {
      auto* item = browser.tree()->topLevelItem(i);
      (item->text(0).contains("fork") ? forkItem : runItem) = item;
    }
    QVERIFY(forkItem && runItem);
    QVERIFY(forkItem->text(7).contains(QString("run #%1").arg(m_run)));
    const auto cks = m_conn->checkpoints(m_run).value();
    QCOMPARE(runItem->childCount(), int(cks.size()));
    runItem->setExpanded(true);
    for (int k = 0; k < runItem->childCount(); ++k)
      QCOMPARE(runItem->child(k)->text(6), QString("ok"));
  }

  void evaluationIsStoredPerTaskAndVariant() {
    CheckpointBrowser browser;
    browser.setDatabase(m_conn.get(), m_db);
    const auto cks = m_conn->checkpoints(m_run).value();
    browser.selectCheckpoint(cks.back().id);
    QSignalSpy done(&browser, &CheckpointBrowser::evaluationFinished);
    QVERIFY(browser.evaluateSelected(4, true));
    QVERIFY(browser.busy());
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 120000);
    QVERIFY2(done.front().at(1).toBool(), qPrintable(done.front().at(2).toString()));
    const auto evals = m_conn->evaluations(cks.back().id).value();
    QCOMPARE(evals.size(), size_t(4));  // reach in distribution + three OOD variants
    QStringList variants;
    for (const auto& e : evals) {
      QCOMPARE(e.task, std::string("reach"));
      QCOMPARE(e.episodes, 4);
      variants << QString::fromStdString(e.variant);
    }
    variants.sort();
    QCOMPARE(variants, (QStringList{"", "ood_execution", "ood_semantic", "ood_vision"}));
    // the tree shows them (in-distribution and OOD columns)
    browser.selectCheckpoint(cks.back().id);
    auto* item = browser.tree()->selectedItems().front();
    QVERIFY(item->text(2).endsWith('%'));
    QVERIFY(item->text(3).endsWith('%'));
    QVERIFY(item->toolTip(2).contains("reach@ood_vision"));
  }

  void evaluationUnderAnotherInitNoiseScaleIsShownNotStored() {
    CheckpointBrowser browser;
    browser.setDatabase(m_conn.get(), m_db);
    QCOMPARE(browser.initNoiseScale(), std::optional<double>());  // the run's own by default
    browser.setInitNoiseScale(0.0);
    QCOMPARE(browser.initNoiseScale(), std::optional<double>(0.0));
    const auto cks = m_conn->checkpoints(m_run).value();
    const auto before = m_conn->evaluations(cks.back().id).value().size();
    browser.selectCheckpoint(cks.back().id);
    QSignalSpy done(&browser, &CheckpointBrowser::evaluationFinished);
    QVERIFY(browser.evaluateSelected(3, false, browser.initNoiseScale()));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 120000);
    QVERIFY2(done.front().at(1).toBool(), qPrintable(done.front().at(2).toString()));
    QVERIFY2(done.front().at(2).toString().contains("not stored"),
             qPrintable(done.front().at(2).toString()));
    const auto after = m_conn->evaluations(cks.back().id).value();
    QCOMPARE(after.size(), before);
    for (const auto& e : after) QVERIFY(e.episodes != 3);  // nothing of this evaluation stored
    browser.setInitNoiseScale(std::nullopt);
    QCOMPARE(browser.initNoiseScale(), std::optional<double>());
  }

  void aQuickLookKeepsTheThoroughFigure() {
    CheckpointBrowser browser;
    browser.setDatabase(m_conn.get(), m_db);
    const auto before = m_conn->checkpoints(m_run).value().back();
    QVERIFY(before.evalSuccess.has_value());
    browser.selectCheckpoint(before.id);
    QSignalSpy done(&browser, &CheckpointBrowser::evaluationFinished);
    QVERIFY(browser.evaluateSelected(2, false));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 120000);
    const QString text = done.front().at(2).toString();
    QVERIFY2(done.front().at(1).toBool() && text.contains("keeps its 4-episode"), qPrintable(text));
    // stored, but the checkpoint's success and the tree stay with the 4-episode evaluations
    const auto after = m_conn->checkpoints(m_run).value().back();
    QCOMPARE(*after.evalSuccess, *before.evalSuccess);
    const auto evals = m_conn->evaluations(before.id).value();
    QVERIFY(std::any_of(evals.begin(), evals.end(), [](const auto& e) { return e.episodes == 2; }));
    browser.selectCheckpoint(before.id);
    auto* item = browser.tree()->selectedItems().front();
    QVERIFY2(
        item->toolTip(2).contains("(4 episodes)") && !item->toolTip(2).contains("(2 episodes)"),
        qPrintable(item->toolTip(2)));
  }

  void corruptCheckpointIsFlaggedAndTheRestStaysUsable() {
    const auto cks = m_conn->checkpoints(m_run).value();
    QFile model(QString::fromStdString(cks.front().path) + "/model.pt");
    QVERIFY(model.open(QIODevice::ReadWrite));
    model.seek(64);
    model.write("corrupt!");
    model.close();
    CheckpointBrowser browser;
    browser.setDatabase(m_conn.get(), m_db);
    QVERIFY(!browser.integrity(cks.front().id).isEmpty());
    QVERIFY(browser.integrity(cks.back().id).isEmpty());
    browser.selectCheckpoint(cks.front().id);
    QSignalSpy done(&browser, &CheckpointBrowser::evaluationFinished);
    QVERIFY(browser.evaluateSelected(2, false));
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 60000);
    QVERIFY(!done.front().at(1).toBool());
    QVERIFY(!done.front().at(2).toString().isEmpty());
    // exporting the damaged one fails with the reason; the intact one exports
    QVERIFY(!browser.exportSelected(m_dir.filePath("bad-export")).isEmpty());
    browser.selectCheckpoint(cks.back().id);
    QCOMPARE(browser.exportSelected(m_dir.filePath("export")), QString());
    QVERIFY(QFileInfo::exists(m_dir.filePath("export/policy.pt")));
  }

  void forkAndResumeCarryTheCheckpoint() {
    CheckpointBrowser browser;
    browser.setDatabase(m_conn.get(), m_db);
    const auto cks = m_conn->checkpoints(m_run).value();
    browser.selectCheckpoint(cks.back().id);
    QSignalSpy forked(&browser, &CheckpointBrowser::forkRequested);
    QSignalSpy resumed(&browser, &CheckpointBrowser::resumeRequested);
    button(&browser, "Fork…")->click();
    QCOMPARE(forked.count(), 1);
    const auto config = forked.front().at(0).value<rl::TrainConfig>();
    QCOMPARE(config.stage, std::string("rl"));
    QCOMPARE(config.rl.initCheckpoint, cks.back().path);
    QCOMPARE(forked.front().at(2).toLongLong(), m_run);
    button(&browser, "Resume from here")->click();
    QCOMPARE(resumed.count(), 1);
    QCOMPARE(resumed.front().at(2).toLongLong(), cks.back().step);
  }

  void abCompareShowsATableAndAGhostReplay() {
    CheckpointBrowser browser;
    browser.setDatabase(m_conn.get(), m_db);
    const auto cks = m_conn->checkpoints(m_run).value();
    browser.selectCheckpoint(cks.back().id);
    browser.checkpointItemSelect(cks[1].id);
    QCOMPARE(browser.selectedCheckpoints().size(), 2);
    QCOMPARE(browser.compareSelected(4), QString());
    QDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = browser.findChild<QDialog*>("abCompare")) != nullptr,
                             120000);
    auto* table = dialog->findChild<QTableWidget*>();
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 2);  // reach and the mean
    QVERIFY(table->item(1, 1)->text().endsWith('%'));
    auto* ghost = dialog->findChild<GhostReplay*>("ghostReplay");
    QVERIFY(ghost);
    QVERIFY(ghost->frameCount() > 1);
  }

  void deleteRemovesRowFilesAndEvaluations() {
    CheckpointBrowser browser;
    browser.setDatabase(m_conn.get(), m_db);
    const auto before = m_conn->checkpoints(m_run).value();
    const auto victim = before.back();
    browser.selectCheckpoint(victim.id);
    QCOMPARE(browser.deleteSelected(false), QString());
    const auto after = m_conn->checkpoints(m_run).value();
    QCOMPARE(after.size(), before.size() - 1);
    QVERIFY(!QFileInfo::exists(QString::fromStdString(victim.path)));
    QVERIFY(!QFileInfo::exists(QString::fromStdString(victim.path) + ".deleting"));
    QVERIFY(m_conn->evaluations(victim.id).value().empty());
    // the rest still verifies
    for (const auto& c : after) {
      if (c.id != before.front().id) QVERIFY(browser.integrity(c.id).isEmpty());
    }
  }

  void averageMakesANewRunWithOneCheckpoint() {
    CheckpointBrowser browser;
    browser.setDatabase(m_conn.get(), m_db);
    const auto cks = m_conn->checkpoints(m_run).value();
    QVERIFY(cks.size() >= 3);
    const int runsBefore = int(m_conn->runs().value().size());
    // one checkpoint alone, or checkpoints of two runs, are refused with a reason
    browser.selectCheckpoint(cks[1].id);
    QVERIFY(!browser.averageSelected().isEmpty());
    const auto forkCks = m_conn->checkpoints(m_run + 1).value();
    QVERIFY(!forkCks.empty());
    browser.checkpointItemSelect(forkCks.back().id);
    QVERIFY(browser.averageSelected().contains("one run"));
    QCOMPARE(int(m_conn->runs().value().size()), runsBefore);  // nothing was created

    browser.selectCheckpoint(cks[1].id);
    browser.checkpointItemSelect(cks[2].id);
    QSignalSpy logged(&browser, &CheckpointBrowser::message);
    QCOMPARE(browser.averageSelected(), QString());
    QCOMPARE(logged.count(), 1);
    const auto runs = m_conn->runs().value();
    QCOMPARE(int(runs.size()), runsBefore + 1);
    std::int64_t newest = 0;
    for (const auto& r : runs) newest = std::max(newest, r.id);
    const auto run = m_conn->run(newest).value();
    QCOMPARE(run.parentRun, std::int64_t(m_run));
    QCOMPARE(run.status, std::string("finished"));
    const auto averaged = m_conn->checkpoints(newest).value();
    QCOMPARE(averaged.size(), std::size_t{1});
    QCOMPARE(averaged.front().step, cks[2].step);
    // the new run's checkpoint is in the tree, selected and intact
    QCOMPARE(browser.selectedCheckpoints(), QList<qint64>{averaged.front().id});
    QVERIFY(browser.integrity(averaged.front().id).isEmpty());
    QTreeWidgetItem* item = nullptr;
    for (int i = 0; i < browser.tree()->topLevelItemCount(); ++i) {
      if (browser.tree()->topLevelItem(i)->text(0).startsWith(QString("#%1 ").arg(newest))) {
        item = browser.tree()->topLevelItem(i);
      }
    }
    QVERIFY(item);
    QCOMPARE(
        item->text(7),
        QString("average of checkpoints of run #%1, newest step %2").arg(m_run).arg(cks[2].step));
  }
};

QTEST_MAIN(TestBrowser)
#include "test_browser.moc"

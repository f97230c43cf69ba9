#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <fstream>

#include "core/rl/train_config.h"
#include "core/storage/database.h"
#include "widgets/config_diff_model.h"
#include "widgets/runs_model.h"

using namespace pirl;
using namespace pirl::widgets;

class TestWidgetModels : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

  std::unique_ptr<storage::Database> makeDb(const char* name, int runs) {
    auto db = std::move(storage::Database::open((m_dir.path() + "/" + name).toStdString()).value());
    for (int i = 0; i < runs; ++i) {
      storage::RunRecord r;
      r.name = "run" + std::to_string(i);
      r.stage = "rl";
      r.algorithm = i % 2 ? "flow_sde" : "flow_noise";
      r.tasks = "reach";
      r.config = "name: run" + std::to_string(i) + "\nseed: " + std::to_string(i) + "\n";
      r.status = "finished";
      const auto id = db->createRun(r).value();
      if (!db->addMetrics(id, 1, 100 * (i + 1), 2.0, {{"eval/success_once", 0.1 * i}})) {
        return nullptr;
      }
    }
    return db;
  }

 private Q_SLOTS:
  void runsModelPassesTheModelTester() {
    auto db = makeDb("tester.db", 5);
    QVERIFY(db);
    RunsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDatabase(db.get());
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(RunsModel::kColumnCount));
    // newest first; progress columns come from the metrics
    QCOMPARE(model.index(0, RunsModel::kName).data().toString(), QString("run4"));
    QCOMPARE(model.index(0, RunsModel::kEnvSteps).data(RunsModel::kSortRole).toLongLong(), 500);
    QCOMPARE(model.index(4, RunsModel::kBestSuccess).data(RunsModel::kSortRole).toDouble(), 0.0);
    // a new run appears on refresh; an unchanged set is updated in place
    storage::RunRecord r;
    r.name = "late";
    r.stage = "sft";
    QVERIFY(db->createRun(r).ok());
    QVERIFY(model.refresh());
    QCOMPARE(model.rowCount(), 6);
    QVERIFY(model.refresh());
    model.setDatabase(nullptr);
    QCOMPARE(model.rowCount(), 0);
  }

  void editsAreWrittenAndEmptyNamesRefused() {
    auto db = makeDb("edit.db", 2);
    QVERIFY(db);
    RunsModel model;
    model.setDatabase(db.get());
    const auto id = model.index(0, 0).data(RunsModel::kRunIdRole).toLongLong();
    QVERIFY(model.setData(model.index(0, RunsModel::kName), "renamed"));
    QVERIFY(model.setData(model.index(0, RunsModel::kTags), "baseline, seed0"));
    QVERIFY(model.setData(model.index(0, RunsModel::kNotes), "first try"));
    QVERIFY(!model.setData(model.index(0, RunsModel::kName), "  "));
    QVERIFY(!model.lastError().isEmpty());
    QVERIFY(!model.setData(model.index(0, RunsModel::kStatus), "finished"));
    const auto run = db->run(id).value();
    QCOMPARE(run.name, std::string("renamed"));
    QCOMPARE(run.tags, std::string("baseline, seed0"));
    QCOMPARE(run.notes, std::string("first try"));
  }

  void deleteRemovesRowsAndFilesTogether() {
    auto db = makeDb("delete.db", 3);
    QVERIFY(db);
    const auto runs = db->runs().value();
    std::vector<qint64> doomed;
    for (const auto& r : runs) {
      const std::string dir = (m_dir.path() + "/files-" + QString::number(r.id)).toStdString();
      QVERIFY(::mkdir(dir.c_str(), 0755) == 0);
      std::ofstream(dir + "/model.pt") << "weights";
      QVERIFY(db->setRunDir(r.id, dir).ok());
      if (r.name != "run1") doomed.push_back(r.id);
    }
    QVERIFY(deleteRuns(*db, doomed).ok());
    const auto left = db->runs().value();
    QCOMPARE(left.size(), size_t(1));
    QCOMPARE(left[0].name, std::string("run1"));
    for (qint64 id : doomed) {
      QVERIFY(!QFileInfo::exists(m_dir.path() + "/files-" + QString::number(id)));
      QVERIFY(!QFileInfo::exists(m_dir.path() + "/files-" + QString::number(id) + ".deleting"));
      QVERIFY(db->metric(id, "eval/success_once").value().empty());
    }
    QVERIFY(
        QFileInfo::exists(m_dir.path() + "/files-" + QString::number(left[0].id) + "/model.pt"));
    // an unknown run is an error and deletes nothing
    QVERIFY(!deleteRuns(*db, {9999}).ok());
    QCOMPARE(db->runs().value().size(), size_t(1));
  }

  void configDiffShowsOnlyDifferences() {
    rl::TrainConfig a, b;
    b.seed = 3;
    b.rl.actorLr = 5e-5;
    ConfigDiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setConfigs({{"a", a.toYaml()}, {"b", b.toYaml()}, {"broken", "rl: [oops"}});
    QCOMPARE(model.columnCount(), 4);
    // every row differs because the broken config shows its error everywhere
    QCOMPARE(model.rowCount(), model.differenceCount());
    model.setConfigs({{"a", a.toYaml()}, {"b", b.toYaml()}});
    QCOMPARE(model.differenceCount(), 2);
    QCOMPARE(model.rowCount(), 2);
    QStringList keys;
    for (int r = 0; r < model.rowCount(); ++r) keys << model.index(r, 0).data().toString();
    QCOMPARE(keys, (QStringList{"seed", "rl.actor_lr"}));
    QCOMPARE(model.index(1, 2).data().toString(), QString("5e-05"));
    QVERIFY(model.index(1, 2).data(Qt::FontRole).value<QFont>().bold());
    model.setDifferencesOnly(false);
    QVERIFY(model.rowCount() > 50);
    QCOMPARE(differingKeys(a, b), (QStringList{"seed", "rl.actor_lr"}));
  }
};

QTEST_MAIN(TestWidgetModels)
#include "test_models.moc"

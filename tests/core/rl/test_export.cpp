#include <filesystem>

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/rl/checkpoint_io.h"
#include "core/rl/eval_result.h"
#include "core/rl/policy_export.h"
#include "core/rl/policy_import.h"
#include "core/rl/train_config.h"
#include "core/session/training_session.h"
#include "core/storage/database.h"

using namespace pirl;

namespace {
// Debian's PyTorch (python3-torch) lives with the system interpreter
const char* const kPython = "/usr/bin/python3";
}  // namespace

class TestExport : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

  std::string checkpoint(const std::string& expert) {
    auto config = rl::parseTrainConfig(
        "name: export\nstage: sft\ntasks: [reach, put_carrot_on_plate]\n"
        "policy: {width: 32, depth: 2, chunk: 4, action_chunk: 2, layers: 1, heads: 2, "
        "expert: " +
            expert +
            "}\n"
            "sft: {demos_per_task: 2, epochs: 3, batch_size: 16}\n"
            "eval: {episodes: 2, envs: 2, ood: false}\n",
        "export");
    const std::string db =
        (m_dir.path() + "/" + QString::fromStdString(expert) + ".db").toStdString();
    auto out = session::runTraining(config.value(), db);
    if (!out) return {};
    return out.value().checkpointDir;
  }

  void pythonReproduces(const QString& dir) {
    QProcess check;
    check.start(kPython, {"-c",
                          "import sys, torch\n"
                          "p = torch.jit.load(sys.argv[1] + '/policy.pt')\n"
                          "e = torch.load(sys.argv[1] + '/example.pt')\n"
                          "a = p.sample_actions(**e['inputs'])\n"
                          "print((a - e['actions']).abs().max().item())\n",
                          dir});
    QVERIFY(check.waitForFinished(120000));
    const QString err = QString::fromUtf8(check.readAllStandardError());
    if (err.contains("No module named 'torch'")) QSKIP("python3-torch is not installed");
    QCOMPARE(check.exitCode(), 0);
    const double diff = QString::fromUtf8(check.readAllStandardOutput()).trimmed().toDouble();
    QVERIFY2(diff <= 1e-5, qPrintable(QString::number(diff) + err));
  }

 private Q_SLOTS:
  void mlpPolicyExportsAndReloads() {
    const std::string ckpt = checkpoint("mlp");
    QVERIFY(!ckpt.empty());
    const QString out = m_dir.filePath("mlp-export");
    auto exported = rl::exportPolicy(ckpt, out.toStdString(), 3, 5);
    QVERIFY2(exported.ok(), exported.ok() ? "" : exported.error().message.c_str());
    QVERIFY(exported->maxAbsDifference <= 1e-5);
    for (const char* f : {"policy.pt", "example.pt", "README.md"}) {
      QVERIFY(QFileInfo::exists(out + "/" + f));
    }
    pythonReproduces(out);
  }

  void transformerPolicyExportsAndReloads() {
    const std::string ckpt = checkpoint("transformer");
    QVERIFY(!ckpt.empty());
    const QString out = m_dir.filePath("transformer-export");
    auto exported = rl::exportPolicy(ckpt, out.toStdString(), 2, 1);
    QVERIFY2(exported.ok(), exported.ok() ? "" : exported.error().message.c_str());
    QVERIFY2(exported->maxAbsDifference <= 1e-5,
             qPrintable(QString::number(exported->maxAbsDifference)));
    pythonReproduces(out);
  }

  void pythonMadePolicyImportsAndFineTunes() {
    const std::string ckpt = checkpoint("mlp");
    const QString exported = m_dir.filePath("for-python");
    QVERIFY(rl::exportPolicy(ckpt, exported.toStdString()).ok());
    // a policy written in PyTorch (docs/examples/pirl_policy.py), scripted there
    const QString script = QStringLiteral(PIRL_SOURCE_DIR) + "/docs/examples/pirl_policy.py";
    const QString made = m_dir.filePath("python-made.pt");
    QProcess python;
    python.start(kPython, {script, "--init", exported + "/policy.pt", "--out", made});
    QVERIFY(python.waitForFinished(120000));
    const QString err = QString::fromUtf8(python.readAllStandardError());
    if (err.contains("No module named 'torch'")) QSKIP("python3-torch is not installed");
    QVERIFY2(python.exitCode() == 0, qPrintable(err));
    const std::string imported = m_dir.filePath("imported").toStdString();
    auto result = rl::importPolicy(made.toStdString(), imported);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
    QVERIFY(result->maxVelocityDifference <= 1e-4);
    QCOMPARE(result->initialised, 10);  // the critic and noise heads start fresh
    // the imported policy acts exactly like the one it came from
    rl::EvalOptions eval;
    eval.episodes = 6;
    eval.envs = 6;
    auto a = rl::evaluateCheckpoint(ckpt, {"reach"}, eval, {}, 1, "cpu");
    auto b = rl::evaluateCheckpoint(imported, {"reach"}, eval, {}, 1, "cpu");
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(b->meanSuccess, a->meanSuccess);
    QCOMPARE(b->meanEpisodeLength, a->meanEpisodeLength);
    // and Flow-Noise fine-tunes it
    auto config = rl::parseTrainConfig(
        "name: imported-rl\nstage: rl\ntasks: [reach]\n"
        "policy: {width: 32, depth: 2, chunk: 4, action_chunk: 2}\n"
        "rl: {iterations: 2, num_envs: 8, rollout_chunks: 8, init_checkpoint: " +
            imported + "}\neval: {episodes: 4, envs: 4, ood: false}\n",
        "imported");
    QVERIFY2(config.ok(), config.ok() ? "" : config.error().message.c_str());
    auto run = session::runTraining(config.value(), m_dir.filePath("imported.db").toStdString());
    QVERIFY2(run.ok(), run.ok() ? "" : run.error().message.c_str());
    QCOMPARE(run->steps, std::int64_t(2));
    // a module that is not a flow policy is refused with a reason
    auto bad = rl::importPolicy(exported.toStdString() + "/example.pt",
                                m_dir.filePath("bad-import").toStdString());
    QVERIFY(!bad.ok());
  }

  void corruptCheckpointIsAClearError() {
    const std::string ckpt = checkpoint("mlp");
    QFile model(QString::fromStdString(ckpt) + "/model.pt");
    QVERIFY(model.open(QIODevice::ReadWrite));
    model.seek(100);
    model.write("garbage");
    model.close();
    auto exported = rl::exportPolicy(ckpt, m_dir.filePath("bad").toStdString());
    QVERIFY(!exported.ok());
    QVERIFY2(exported.error().message.find("sha256") != std::string::npos ||
                 exported.error().message.find("corrupt") != std::string::npos,
             exported.error().message.c_str());
  }

  void averagedCheckpointsMakeANewRun() {
    auto config = rl::parseTrainConfig(
        "name: avg\nstage: sft_rl\ntasks: [reach]\n"
        "policy: {width: 32, depth: 2, chunk: 4, action_chunk: 2}\n"
        "sft: {demos_per_task: 2, epochs: 2, batch_size: 16}\n"
        "rl: {iterations: 2, num_envs: 4, rollout_chunks: 2, minibatches: 1, actor_lr: 0.01, "
        "checkpoint_every: 1}\n"
        "eval: {episodes: 2, envs: 2, ood: false, every: 100}\n",
        "avg");
    QVERIFY2(config.ok(), config.ok() ? "" : config.error().message.c_str());
    const std::string db = m_dir.filePath("avg.db").toStdString();
    auto trained = session::runTraining(config.value(), db);
    QVERIFY2(trained.ok(), trained.ok() ? "" : trained.error().message.c_str());
    const std::int64_t run = trained->runId;

    auto averaged = session::averageRun(db, run, {1, 2});
    QVERIFY2(averaged.ok(), averaged.ok() ? "" : averaged.error().message.c_str());
    QCOMPARE(averaged->step, std::int64_t{2});
    auto opened = storage::Database::open(db);
    QVERIFY(opened.ok());
    auto record = opened.value()->run(averaged->runId);
    QVERIFY(record.ok());
    QCOMPARE(record->status, std::string("finished"));
    QCOMPARE(record->parentRun, run);
    QCOMPARE(record->config, opened.value()->run(run)->config);
    auto kept = opened.value()->checkpoints(averaged->runId);
    QVERIFY(kept.ok());
    QCOMPARE(kept->size(), std::size_t{1});
    QCOMPARE(kept->front().path, averaged->checkpointDir);

    // every weight is the mean of the two checkpoints' weights
    auto a =
        rl::loadCheckpoint(session::findCheckpoint(*opened.value(), run, 1)->path, torch::kCPU);
    auto b =
        rl::loadCheckpoint(session::findCheckpoint(*opened.value(), run, 2)->path, torch::kCPU);
    auto mean = rl::loadCheckpoint(averaged->checkpointDir, torch::kCPU);
    QVERIFY(a.ok() && b.ok() && mean.ok());
    QVERIFY(!mean->hasOptimizer);
    const auto pa = a->bundle->net->named_parameters();
    const auto pb = b->bundle->net->named_parameters();
    double moved = 0.0;
    for (const auto& p : mean->bundle->net->named_parameters()) {
      const torch::Tensor expected = (pa[p.key()] + pb[p.key()]) / 2;
      QVERIFY2(torch::allclose(p.value(), expected, 1e-6, 1e-7), p.key().c_str());
      moved = std::max(moved, (pa[p.key()] - pb[p.key()]).abs().max().item<double>());
    }
    QVERIFY(moved > 0.0);  // the two checkpoints differ, so the mean is a new network

    // the new run evaluates like any run
    auto eval = session::evaluateRun(averaged->runId, -1, 2, false, db);
    QVERIFY2(eval.ok(), eval.ok() ? "" : eval.error().message.c_str());
    QVERIFY(eval->inDistribution.successPerTask.count("reach") == 1);
    // it has no evaluation of its own: the first look is recorded, a more thorough one
    // replaces it, a quicker one after that does not
    QVERIFY(eval->checkpointSuccessUpdated);
    auto thorough = session::evaluateRun(averaged->runId, -1, 5, false, db);
    QVERIFY(thorough.ok() && thorough->checkpointSuccessUpdated);
    auto quick = session::evaluateRun(averaged->runId, -1, 3, false, db);
    QVERIFY(quick.ok() && !quick->checkpointSuccessUpdated);
    QCOMPARE(quick->recordedEpisodes, 5);
    QCOMPARE(*opened.value()->checkpoints(averaged->runId)->back().evalSuccess,
             thorough->inDistribution.meanSuccess);

    // training it further starts from the average with a fresh optimizer
    auto further = session::resumeTraining(averaged->runId, db, {}, nullptr, -1, 0, 3);
    QVERIFY2(further.ok(), further.ok() ? "" : further.error().message.c_str());
    QCOMPARE(further->runId, averaged->runId);
    auto after = opened.value()->checkpoints(averaged->runId);
    QVERIFY(after.ok());
    QCOMPARE(after->back().step, std::int64_t{3});

    // a fork named only by rl.init_checkpoint (as `pirl train --set` makes it), spelled with a
    // "." component, records the run and checkpoint it came from
    const auto source = session::findCheckpoint(*opened.value(), run, 1);
    QVERIFY(source.ok());
    const std::filesystem::path spelled =
        std::filesystem::path(source->path).parent_path() / "." / "step_1";
    auto forkConfig = config.value();
    forkConfig.stage = "rl";
    forkConfig.rl.initCheckpoint = spelled.string();
    forkConfig.rl.iterations = 1;
    auto fork = session::runTraining(forkConfig, db);
    QVERIFY2(fork.ok(), fork.ok() ? "" : fork.error().message.c_str());
    auto forkRecord = opened.value()->run(fork->runId);
    QVERIFY(forkRecord.ok());
    QCOMPARE(forkRecord->parentRun, run);
    QCOMPARE(forkRecord->parentCheckpoint, source->id);

    // a step the run lacks and a single step are refused with a reason
    auto missing = session::averageRun(db, run, {1, 7});
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.find("no checkpoint at step 7") != std::string::npos);
    QVERIFY(!session::averageRun(db, run, {2}).ok());
    QVERIFY(!session::averageRun(db, 99, {1, 2}).ok());
  }
};

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"

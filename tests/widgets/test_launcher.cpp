#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "widgets/launcher_widget.h"

using namespace pirl;
using namespace pirl::widgets;

namespace {
QPushButton* button(QWidget* w, const QString& text) {
  for (auto* b : w->findChildren<QPushButton*>()) {
    if (b->text().remove('&') == text) return b;
  }
  return nullptr;
}
}  // namespace

class TestLauncher : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

 private Q_SLOTS:
  void presetsAreEmbedded() {
    const QStringList names = presetNames();
    for (const char* method : {"flow_noise", "flow_sde"}) {
      for (const char* task : {"carrot", "spoon", "stack", "eggplant"}) {
        QVERIFY2(names.contains(QStringLiteral("rl_%1_%2").arg(method, task)),
                 qPrintable(names.join(", ")));
      }
    }
    QVERIFY(names.contains("sft_few_shot"));
    LauncherWidget w;
    QVERIFY(w.loadPreset("rl_flow_sde_stack"));
    QCOMPARE(w.config().rl.method, std::string("flow_sde_full"));
    QCOMPARE(w.optionText("rl.method"), QString("flow_sde_full"));
    QVERIFY(w.differences().isEmpty());
    QVERIFY(!w.loadPreset("no_such_preset"));
  }

  void badValuesAreRejectedWithMessages_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("negative clip") << "rl.clip"
                                   << "-1"
                                   << "rl.clip";
    QTest::newRow("not a number") << "policy.width"
                                  << "wide"
                                  << "policy.width";
    QTest::newRow("int out of range") << "rl.num_envs"
                                      << "0"
                                      << "rl.num_envs";
    QTest::newRow("unknown task") << "tasks"
                                  << "fly_to_moon"
                                  << "fly_to_moon";
    QTest::newRow("bad range") << "policy.noise_std_range"
                               << "[0.5, 0.1]"
                               << "noise_std_range";
    QTest::newRow("bad seed") << "seed"
                              << "-3"
                              << "seed";
  }

  void badValuesAreRejectedWithMessages() {
    QFETCH(QString, key);
    QFETCH(QString, text);
    QFETCH(QString, fragment);
    LauncherWidget w;
    QVERIFY(w.isValid());
    const auto before = w.config();
    QSignalSpy launched(&w, &LauncherWidget::launchRequested);
    QVERIFY(w.setOptionText(key, text));
    const QString error = w.errorFor(key).isEmpty() ? w.crossFieldError() : w.errorFor(key);
    QVERIFY2(error.contains(fragment), qPrintable(error));
    QVERIFY(!w.isValid());
    auto* label = w.findChild<QLabel*>(key + "/error");
    if (!w.errorFor(key).isEmpty()) {
      QVERIFY(label && !label->isHidden() && label->text() == error);
    }
    QPushButton* launch = button(&w, "Launch");
    QVERIFY(launch && !launch->isEnabled());
    launch->click();
    QCOMPARE(launched.count(), 0);
    // a valid value clears the message
    w.setConfig(before, before, "test");
    QVERIFY(w.isValid());
  }

  void crossFieldProblemsBlockLaunch() {
    LauncherWidget w;
    QVERIFY(w.setOptionText("policy.chunk", "4"));
    QVERIFY(w.setOptionText("policy.action_chunk", "6"));
    QVERIFY(w.errorFor("policy.action_chunk").isEmpty());
    QVERIFY2(!w.crossFieldError().isEmpty(), "action_chunk > chunk must be refused");
    QVERIFY(!w.isValid());
    QVERIFY(w.setOptionText("policy.action_chunk", "2"));
    QVERIFY(w.isValid());
  }

  void editsShowAsDifferencesAndLaunch() {
    LauncherWidget w;
    QVERIFY(w.loadPreset("rl_flow_noise_carrot"));
    QVERIFY(w.setOptionText("seed", "11"));
    QVERIFY(w.setOptionText("rl.actor_lr", "1e-4"));
    QVERIFY(w.setOptionText("tasks", "put_carrot_on_plate, put_carrot_on_plate@ood_vision"));
    QCOMPARE(w.differences(), (QStringList{"seed", "tasks", "rl.actor_lr"}));
    QSignalSpy launched(&w, &LauncherWidget::launchRequested);
    button(&w, "Queue")->click();
    QCOMPARE(launched.count(), 1);
    const auto config = launched.front().at(0).value<rl::TrainConfig>();
    QCOMPARE(config.seed, std::uint64_t(11));
    QCOMPARE(config.rl.actorLr, 1e-4);
    QCOMPARE(config.tasks.size(), size_t(2));
    QCOMPARE(launched.front().at(1).toBool(), true);
  }

  // a fork prefilled from the browser names its parent while it starts from that checkpoint;
  // the run's parent is recorded from rl.init_checkpoint itself (session::runTraining)
  void forkNamesItsParentWhileItsCheckpointStays() {
    LauncherWidget w;
    QVERIFY(w.loadPreset("rl_flow_noise_carrot"));
    rl::TrainConfig fork = w.config();
    const rl::TrainConfig baseline = fork;
    fork.stage = "rl";
    fork.rl.initCheckpoint = m_dir.filePath("runs/7/checkpoints/step_25").toStdString();
    w.setFork(fork, baseline, "run #7", 7);
    auto* status = w.findChild<QLabel*>("status");
    QVERIFY(status);
    QVERIFY2(status->text().contains("fork of run 7"), qPrintable(status->text()));
    QVERIFY(w.setOptionText("rl.init_checkpoint", m_dir.filePath("elsewhere")));
    QVERIFY2(!status->text().contains("fork of run"), qPrintable(status->text()));
    QVERIFY(w.setOptionText("rl.init_checkpoint", QString::fromStdString(fork.rl.initCheckpoint)));
    QVERIFY(status->text().contains("fork of run 7"));
    // loading another config forgets the parent
    QVERIFY(w.loadPreset("rl_flow_noise_carrot"));
    QVERIFY(!status->text().contains("fork of run"));
  }

  void saveAndLoadRoundTrip() {
    LauncherWidget w;
    QVERIFY(w.setOptionText("name", "round trip"));
    QVERIFY(w.setOptionText("rl.method", "flow_sde"));
    const QString path = m_dir.filePath("saved.yaml");
    QCOMPARE(w.saveFile(path), QString());
    LauncherWidget other;
    QCOMPARE(other.loadFile(path), QString());
    QCOMPARE(other.config().name, std::string("round trip"));
    QCOMPARE(other.config().rl.method, std::string("flow_sde"));
    QFile broken(m_dir.filePath("broken.yaml"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("rl:\n  clip: [1, 2\n");
    broken.close();
    QVERIFY(other.loadFile(broken.fileName()).contains("broken.yaml"));
    QCOMPARE(other.config().name, std::string("round trip"));  // nothing lost
  }
};

QTEST_MAIN(TestLauncher)
#include "test_launcher.moc"

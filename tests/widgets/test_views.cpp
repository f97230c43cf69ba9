#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "core/render/scene_renderer.h"
#include "core/rl/inspect.h"
#include "core/rl/train_config.h"
#include "core/session/training_session.h"
#include "core/sim/env.h"
#include "core/sim/state.h"
#include "core/storage/database.h"
#include "widgets/chain_overlay.h"
#include "widgets/denoise_view.h"
#include "widgets/ghost_replay.h"
#include "widgets/live_view.h"
#include "widgets/replay_view.h"
#include "widgets/run_manager.h"
#include "widgets/vtk_view.h"

using namespace pirl;
using namespace pirl::widgets;

class TestViews : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  std::string m_db;
  qint64 m_run = 0;

 private Q_SLOTS:
  void initTestCase() {
    if (!render::displayAvailable()) QSKIP("no X display (the test runs under xvfb-run in CTest)");
    // a tiny RL run with recorded episodes and checkpoints
    auto config = rl::parseTrainConfig(
        "name: views\nstage: sft_rl\ntasks: [reach]\n"
        "policy: {width: 32, depth: 2, chunk: 4, action_chunk: 2, denoise_steps: 3}\n"
        "sft: {demos_per_task: 3, epochs: 5, batch_size: 16}\n"
        "rl: {iterations: 2, num_envs: 8, rollout_chunks: 12, checkpoint_every: 1, "
        "record_episodes: 2}\n"
        "eval: {episodes: 4, envs: 4, ood: false}\n",
        "views");
    QVERIFY(config.ok());
    m_db = (m_dir.path() + "/views.db").toStdString();
    auto out = session::runTraining(config.value(), m_db);
    QVERIFY2(out.ok(), out.ok() ? "" : out.error().message.c_str());
    m_run = out.value().runId;
  }

  void replayScrubbingReproducesStoredStates() {
    auto db = storage::Database::open(m_db).value();
    const auto steps = db->episodeSteps(m_run).value();
    QVERIFY(!steps.empty());
    ReplayView replay;
    replay.resize(800, 600);
    replay.show();
    replay.setDatabase(db.get());
    QVERIFY(replay.open(m_run, steps.back()));
    const auto* e = replay.episode();
    QVERIFY(e);
    QCOMPARE(replay.frameCount(), e->length + 1);
    // scrub forwards, backwards and to the ends: the scene shows exactly the stored state
    for (int f : {0, replay.frameCount() - 1, 1, replay.frameCount() / 2, 0}) {
      replay.setFrame(f);
      QCOMPARE(replay.frame(), f);
      const auto shown = replay.shownState();
      const std::vector<float> stored(e->states.begin() + static_cast<long>(f) * e->stateDim,
                                      e->states.begin() + static_cast<long>(f + 1) * e->stateDim);
      QVERIFY(shown == stored);
    }
    // per-step plots: one reward and one critic value per frame
    QCOMPARE(replay.rewards().size(), size_t(replay.frameCount()));
    QCOMPARE(replay.values().size(), size_t(replay.frameCount()));
    QCOMPARE(std::count(replay.rewards().begin(), replay.rewards().end(), 1.0),
             e->success ? 1L : 0L);
    // playing advances frames on a timer and stops at the end
    replay.setFrame(0);
    replay.setPlaying(true);
    QTRY_VERIFY_WITH_TIMEOUT(replay.frame() > 0, 2000);
    replay.setPlaying(false);
    const int stopped = replay.frame();
    QTest::qWait(300);
    QCOMPARE(replay.frame(), stopped);
    QVERIFY(replay.view()->frames() > 3);
  }

  void denoisingViewDrawsNPlusOnePolylinesPerSample() {
    auto db = storage::Database::open(m_db).value();
    DenoiseView view;
    view.resize(1200, 500);
    view.show();
    view.setDatabase(db.get());
    view.setRun(m_run);
    QVERIFY(view.setInitialState("reach", 5));
    view.setSamples(6);
    QCOMPARE(view.sample(), QString());
    for (int i = 0; i < DenoiseView::kMethods; ++i) {
      const auto& c = view.chains(i);
      QCOMPARE(c.samples, 6);
      QCOMPARE(c.steps, 3);
      QCOMPARE(view.view(i)->scene()->overlayCount(), 6 * (3 + 1));
      QCOMPARE(c.chains.size(), size_t(6 * 4 * 4 * c.actionDim));
    }
    // ODE transitions carry no std, Flow-Noise's all do, Flow-SDE hybrid's exactly one per sample
    auto stochasticSteps = [](const rl::DenoisingChains& c, int s) {
      int n = 0;
      for (int k = 0; k < c.steps; ++k) {
        const float* sd = c.stepStd.data() + ((size_t(s) * c.steps + k) * c.chunk) * c.actionDim;
        n += sd[0] > 0.0f ? 1 : 0;
      }
      return n;
    };
    QCOMPARE(stochasticSteps(view.chains(0), 0), 0);
    QCOMPARE(stochasticSteps(view.chains(1), 0), 1);
    QCOMPARE(stochasticSteps(view.chains(2), 0), 3);
    // the overlay for Flow-Noise draws its stochastic steps as tubes: still N + 1 per sample
    const auto lines = chainOverlay(view.chains(2), true);
    QCOMPARE(lines.size(), size_t(6 * 4));
    QVERIFY(lines[1].tubeRadius.size() == lines[1].points.size());
    QVERIFY(lines[0].tubeRadius.empty());  // x_0 is where the chain starts
    // same seed, same chains
    const auto before = view.chains(1).chains;
    QCOMPARE(view.sample(), QString());
    QVERIFY(view.chains(1).chains == before);
  }

  void ghostReplayMarksTheFirstDivergence() {
    auto db = storage::Database::open(m_db).value();
    const auto cks = db->checkpoints(m_run).value();
    QVERIFY(cks.size() >= 2);
    auto a = rl::rolloutEpisode(cks.back().path, "reach", 3);
    auto again = rl::rolloutEpisode(cks.back().path, "reach", 3);
    auto b = rl::rolloutEpisode(cks.front().path, "reach", 3);
    QVERIFY(a.ok() && again.ok() && b.ok());
    QVERIFY(a->states == again->states);  // deterministic: same checkpoint, same episode
    // x_0 = 0: the policy itself is deterministic, so the noise seed no longer matters
    auto z1 = rl::rolloutEpisode(cks.back().path, "reach", 3, 1, {}, 0.0);
    auto z2 = rl::rolloutEpisode(cks.back().path, "reach", 3, 2, {}, 0.0);
    auto n2 = rl::rolloutEpisode(cks.back().path, "reach", 3, 2);
    QVERIFY(z1.ok() && z2.ok() && n2.ok());
    QVERIFY(z1->states == z2->states);
    QVERIFY(z1->states != n2->states);
    QCOMPARE(a->states.size(), size_t(a->length + 1) * a->stateDim);
    GhostReplay ghost;
    ghost.resize(640, 480);
    ghost.show();
    QCOMPARE(ghost.setRollouts("reach", a->states, a->states, a->stateDim, "A", "A"), QString());
    QCOMPARE(ghost.divergence(), -1);
    QCOMPARE(ghost.setRollouts("reach", a->states, b->states, a->stateDim, "A", "B"), QString());
    // the reset state is shared; the divergence is the first frame whose joints differ
    int expected = -1;
    auto model = sim::TaskModel::create("reach").value();
    const int q = model->model()->nq;
    const size_t frames = std::min(a->states.size(), b->states.size()) / a->stateDim;
    for (size_t f = 0; f < frames && expected < 0; ++f) {
      for (int i = 0; i < q; ++i) {
        if (std::abs(a->states[f * a->stateDim + i] - b->states[f * a->stateDim + i]) >
            GhostReplay::kDivergence) {
          expected = static_cast<int>(f);
          break;
        }
      }
    }
    if (expected < 0 && a->states.size() != b->states.size()) expected = static_cast<int>(frames);
    QCOMPARE(ghost.divergence(), expected);
    QVERIFY(ghost.divergence() != 0);
    // scrubbing shows rollout A opaque and B as the ghost
    const int f = std::min(2, ghost.frameCount() - 1);
    ghost.setFrame(f);
    QVERIFY(ghost.view()->scene()->ghostVisible());
    const auto shown =
        sim::captureState(ghost.view()->scene()->model(), ghost.view()->scene()->data());
    QVERIFY(std::equal(shown.begin(), shown.end(), a->states.begin() + f * a->stateDim));
  }

  void liveViewFollowsARunningJob() {
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath("settings"));
    RunManager manager(m_dir.filePath("live.db"));
    LiveView live(&manager);
    live.resize(640, 480);
    live.show();
    auto config = rl::parseTrainConfig(
        "name: live\nstage: sft_rl\ntasks: [reach]\n"
        "policy: {width: 32, depth: 2, chunk: 4, action_chunk: 2}\n"
        "sft: {demos_per_task: 3, epochs: 5, batch_size: 16}\n"
        // far more iterations than the test waits for: under load the run must still be going
        // when the view has shown its frames (the test stops it)
        "rl: {iterations: 5000, num_envs: 8, rollout_chunks: 8, checkpoint_every: 20}\n"
        "eval: {episodes: 4, envs: 4, ood: false}\n",
        "live");
    const int job = manager.launch(config.value(), false);
    QCOMPARE(live.job(), job);
    QTRY_VERIFY_WITH_TIMEOUT(live.snapshotsShown() >= 3, 60000);
    QVERIFY(live.view()->scene() != nullptr);
    manager.stop(job);
    QSignalSpy ended(&manager, &RunManager::jobEnded);
    QTRY_VERIFY_WITH_TIMEOUT(manager.job(job)->state == JobState::kStopped, 60000);
  }
};

QTEST_MAIN(TestViews)
#include "test_views.moc"

#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/result.h"
#include "core/rl/eval_result.h"
#include "core/rl/train_config.h"

namespace pirl::rl {

/// A finished episode seen during a rollout.
struct EpisodeSummary {
  /// Task name.
  std::string task;
  /// Reset seed.
  std::uint64_t seed = 0;
  /// Whether it succeeded.
  bool success = false;
  /// Undiscounted return.
  double episodeReturn = 0.0;
  /// Length in control steps.
  int length = 0;
  /// Floats per recorded step (0 when states were not recorded).
  int stateDim = 0;
  /// Per-step states [length + 1, stateDim] (qpos, then mocap positions and quaternions).
  std::vector<float> states;
};

/// What one RL iteration produced.
struct IterationReport {
  /// Iteration number (1-based).
  int iteration = 0;
  /// Planned iterations.
  int iterations = 0;
  /// Environment (control) steps so far.
  std::int64_t envSteps = 0;
  /// Seconds since the run (or its resumption) started.
  double seconds = 0.0;
  /// Metrics under the names of ALGORITHMS.md §4.
  std::vector<std::pair<std::string, double>> metrics;
  /// In-distribution evaluation, when this iteration evaluated.
  std::optional<EvalResult> eval;
  /// OOD evaluations by variant, when this iteration evaluated them.
  std::map<std::string, EvalResult> oodEval;
  /// Episodes that finished during the rollout.
  std::vector<EpisodeSummary> episodes;
  /// Checkpoint written after this iteration, if any.
  std::string checkpointDir;

  /// The metric named `key`, or NaN when this iteration did not report it.
  double metric(const std::string& key) const;
};

/// The latest robot states and denoising chain, for the 3D views (copied under a mutex).
struct TrainerSnapshot {
  /// Iteration the snapshot comes from.
  int iteration = 0;
  /// Task of each shown environment.
  std::vector<std::string> tasks;
  /// Per shown environment: qpos, then mocap positions (3 each) and quaternions (4 each).
  std::vector<std::vector<double>> states;
  /// Denoising chain of environment 0's last decision: [steps + 1, chunk, actionDim],
  /// un-normalised environment actions.
  std::vector<float> chain;
  /// Denoising steps in `chain`.
  int steps = 0;
  /// Chunk length H.
  int chunk = 0;
  /// Executed part K of the chunk.
  int executed = 0;
  /// Action dimensions D.
  int actionDim = 0;
  /// End-effector position where that chunk started (metres).
  std::array<double, 3> eePos{};
  /// End-effector yaw where that chunk started (radians).
  double eeYaw = 0.0;
  /// Per-step environment max translation (to turn actions into an end-effector path).
  double maxDeltaPos = 0.02;
};

/// The state of a run.
enum class TrainerState { kRunning, kPaused, kStopping, kFinished, kStopped, kFailed };

/// Name of the rolling checkpoint a run rewrites after every iteration between kept ones.
inline constexpr const char* kLatestCheckpoint = "latest";

/// Where a resumed run picks up.
struct ResumePoint {
  /// Checkpoint directory to load (policy, optimizer, counters).
  std::string checkpointDir;
};

/// Outcome of Trainer::run.
struct TrainerOutcome {
  /// Final in-distribution evaluation.
  EvalResult finalEval;
  /// Iterations completed.
  int iterations = 0;
  /// Environment steps.
  std::int64_t envSteps = 0;
  /// Final checkpoint.
  std::string checkpointDir;
  /// Device used.
  std::string device;
  /// True if stopped early.
  bool stopped = false;
  /// Seconds.
  double seconds = 0.0;
};

/// Callbacks of a run, called on its thread. onIteration may return an error to stop the run
/// (a database that cannot be written, say).
struct TrainerCallbacks {
  /// After each iteration (metrics, evaluation, episodes, checkpoint).
  std::function<Status(const IterationReport&)> onIteration;
  /// Before training, with the starting evaluation (iteration 0).
  std::function<Status(const IterationReport&)> onStart;
};

/// Online RL fine-tuning of a flow policy with Flow-Noise or Flow-SDE (PPO or GRPO), made to
/// run on a background thread: run() blocks; pause(), resume() and stop() may be called from
/// any thread; snapshot() returns the latest robot states and denoising chain.
class Trainer {
 public:
  /// Prepares a run from a config: loads rl.init_checkpoint (or the resume point), builds the
  /// environments and the optimizer. Fails with a clear message on bad input.
  static Result<std::unique_ptr<Trainer>> create(const TrainConfig& config,
                                                 const std::string& runDir,
                                                 const std::optional<ResumePoint>& resume = {});
  ~Trainer();

  /// Trains until the planned iterations are done or stop() is called; writes a final
  /// checkpoint either way. A non-finite loss stops the run with an error; the last good
  /// checkpoint stays.
  Result<TrainerOutcome> run(const TrainerCallbacks& callbacks = {});

  /// Holds the run between chunks until resume().
  void pause();
  /// Continues a paused run.
  void resume();
  /// Ends the run cleanly at the next chunk boundary (with a final checkpoint).
  void stop();
  /// Current state.
  TrainerState state() const;
  /// The latest snapshot (never null after create()).
  std::shared_ptr<const TrainerSnapshot> snapshot() const;
  /// Iteration a resumed run starts after (0 for a new run).
  int startIteration() const;
  /// Skip all evaluations (benchmarks).
  void setEvaluationEnabled(bool enabled);
  /// A flag that, once set, stops the run like stop() (for signal handlers, which may only
  /// store to an atomic).
  void setExternalStop(const std::atomic<bool>* flag);

  struct Impl;

 private:
  explicit Trainer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace pirl::rl

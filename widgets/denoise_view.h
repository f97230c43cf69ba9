#pragma once

#include <QWidget>

#include <array>
#include <string>
#include <vector>

#include "core/rl/inspect.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace pirl::storage {
class Database;
}

namespace pirl::widgets {

class VtkView;

/// The denoising view: for one observation (a replay frame, or a task's reset state), a fan of
/// sampled chains from a checkpoint drawn in the robot's workspace — the end-effector path
/// implied by every intermediate x_k from noise (t = 1, blue) to action (t = 0, red), executed
/// part opaque and discarded tail faint, per-step std as tubes — ODE, Flow-SDE and Flow-Noise
/// side by side.
class DenoiseView : public QWidget {
  Q_OBJECT
 public:
  /// Samplers shown side by side.
  static constexpr int kMethods = 3;

  explicit DenoiseView(QWidget* parent = nullptr);
  ~DenoiseView() override;

  /// Lists checkpoints from `db` (not owned; may be null).
  void setDatabase(storage::Database* db);
  /// Offers run `runId`'s checkpoints: the newest at or before iteration `step` is selected
  /// (the newest of all when step < 0).
  void setRun(qint64 runId, qint64 step = -1);
  /// Uses checkpoint directory `dir` directly.
  void setCheckpoint(const QString& dir);
  /// The observation: task and recorded state.
  void setObservation(const std::string& task, const std::vector<float>& state);
  /// Uses the reset state of `task` with episode seed `seed`.
  bool setInitialState(const std::string& task, std::uint64_t seed);
  /// Samples and draws; returns an error message or empty.
  QString sample();
  /// Samples per method.
  void setSamples(int samples);
  /// View of method `i` (0: ODE, 1: Flow-SDE, 2: Flow-Noise).
  VtkView* view(int i) const { return m_views[i]; }
  /// The chains drawn for method `i`.
  const rl::DenoisingChains& chains(int i) const { return m_chains[i]; }

 private:
  storage::Database* m_db = nullptr;
  std::string m_task;
  std::vector<float> m_state;
  std::array<VtkView*, kMethods> m_views{};
  std::array<rl::DenoisingChains, kMethods> m_chains{};
  QComboBox* m_checkpoint = nullptr;
  QComboBox* m_taskCombo = nullptr;
  QSpinBox* m_seed = nullptr;
  QSpinBox* m_samples = nullptr;
  QSpinBox* m_noiseSeed = nullptr;
  QCheckBox* m_tubes = nullptr;
  QLabel* m_info = nullptr;
};

}  // namespace pirl::widgets

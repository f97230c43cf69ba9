#pragma once

#include <QMap>
#include <QWidget>

#include "core/rl/train_config.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace pirl::widgets {

/// The names of the presets embedded in the application (file names without .yaml).
QStringList presetNames();
/// The YAML text of an embedded preset (empty for an unknown name).
std::string presetYaml(const QString& name);

/// The experiment launcher: a form over every run option, generated from the option table
/// (grouped by section, each field's tooltip is the option's documentation), with inline
/// validation, presets, YAML load/save and a "differences from preset" view. Launch and Queue
/// emit launchRequested with the validated config.
class LauncherWidget : public QWidget {
  Q_OBJECT
 public:
  explicit LauncherWidget(QWidget* parent = nullptr);
  ~LauncherWidget() override;

  /// The config as edited (only meaningful when isValid()).
  rl::TrainConfig config() const { return m_config; }
  /// Replaces the form's contents; `baseline` is what differences are shown against.
  void setConfig(const rl::TrainConfig& config, const rl::TrainConfig& baseline,
                 const QString& baselineName);
  /// Prefills a fork of run `parentRun` (config.rl.initCheckpoint one of its checkpoints); the
  /// status line names the parent while that checkpoint stays the starting point.
  void setFork(const rl::TrainConfig& config, const rl::TrainConfig& baseline,
               const QString& baselineName, qint64 parentRun);
  /// Loads an embedded preset by name; false for an unknown one.
  bool loadPreset(const QString& name);
  /// Loads a YAML config file; on error shows and returns the message.
  QString loadFile(const QString& path);
  /// Saves the current config as YAML (atomically); returns an error message or empty.
  QString saveFile(const QString& path) const;

  /// Types `text` into option `key`'s field as a user would (for tests and scripting).
  bool setOptionText(const QString& key, const QString& text);
  /// The field text of option `key`.
  QString optionText(const QString& key) const;
  /// Inline error of option `key` (empty when valid).
  QString errorFor(const QString& key) const { return m_errors.value(key); }
  /// Error about the combination of options (empty when consistent).
  QString crossFieldError() const { return m_crossError; }
  /// True when every field and the combination are valid.
  bool isValid() const { return m_errors.isEmpty() && m_crossError.isEmpty(); }
  /// Keys whose values differ from the baseline.
  QStringList differences() const;

 Q_SIGNALS:
  /// Launch (queue = false) or Queue (queue = true) was pressed with a valid config.
  void launchRequested(const pirl::rl::TrainConfig& config, bool queue);
  /// The validity changed.
  void validityChanged(bool valid);

 private:
  struct Field;
  void buildForm();
  void refreshFields();
  void fieldEdited(const QString& key, const QString& text);
  void updateStatus();
  QString fieldText(const Field& f) const;
  void setFieldText(Field& f, const QString& text);
  void showFieldError(Field& f, const QString& error);

  rl::TrainConfig m_config;
  rl::TrainConfig m_baseline;
  QString m_baselineName;
  QMap<QString, QString> m_errors;
  QString m_crossError;
  std::vector<std::unique_ptr<Field>> m_fields;
  QComboBox* m_presets = nullptr;
  QTabWidget* m_tabs = nullptr;
  QTableWidget* m_diff = nullptr;
  QLabel* m_status = nullptr;
  QPushButton* m_launch = nullptr;
  QPushButton* m_queue = nullptr;
  bool m_updating = false;
  qint64 m_parentRun = 0;
  std::string m_parentCheckpoint;  // the fork's rl.init_checkpoint as prefilled
};

}  // namespace pirl::widgets

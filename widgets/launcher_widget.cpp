#include "widgets/launcher_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/common/file_util.h"
#include "core/sim/task.h"
#include "widgets/config_diff_model.h"

namespace pirl::widgets {

QStringList presetNames() {
  QStringList names;
  for (const QString& file : QDir(QStringLiteral(":/presets")).entryList({"*.yaml"}, QDir::Files)) {
    names << file.chopped(5);
  }
  return names;
}

std::string presetYaml(const QString& name) {
  QFile file(QStringLiteral(":/presets/%1.yaml").arg(name));
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll().toStdString();
}

struct LauncherWidget::Field {
  OptionInfo info;
  QString key;
  QLineEdit* line = nullptr;
  QCheckBox* check = nullptr;
  QComboBox* combo = nullptr;
  QLabel* error = nullptr;
};

namespace {

QString sectionTitle(const QString& section) {
  if (section.isEmpty()) return LauncherWidget::tr("Run");
  if (section == "env") return LauncherWidget::tr("Environment");
  if (section == "policy") return LauncherWidget::tr("Policy");
  if (section == "sft") return LauncherWidget::tr("SFT");
  if (section == "rl") return LauncherWidget::tr("RL");
  if (section == "eval") return LauncherWidget::tr("Evaluation");
  return section;
}

QString typeHint(const OptionInfo& info) {
  if (info.type == "int" || info.type == "float" || info.type == "range") {
    return LauncherWidget::tr("%1 in [%2, %3]")
        .arg(QString::fromStdString(info.type))
        .arg(info.min, 0, 'g', 6)
        .arg(info.max, 0, 'g', 6);
  }
  if (!info.choices.empty()) {
    QStringList c;
    for (const auto& s : info.choices) c << QString::fromStdString(s);
    return LauncherWidget::tr("one of %1").arg(c.join(", "));
  }
  return QString::fromStdString(info.type);
}

// the user may type a list without brackets, and an empty string
QString yamlFor(const OptionInfo& info, const QString& text) {
  const QString t = text.trimmed();
  if (info.type == "list" && !t.startsWith('[')) return '[' + t + ']';
  if (info.type == "string" && t.isEmpty()) return QStringLiteral("''");
  return t;
}

// field text for a value: strings without YAML quotes
QString displayText(const OptionInfo& info, const std::string& yaml) {
  QString t = QString::fromStdString(yaml);
  if (info.type == "string" && (t == "''" || t == "\"\"")) return {};
  return t;
}

}  // namespace

LauncherWidget::LauncherWidget(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Preset:")));
  m_presets = new QComboBox;
  m_presets->addItem(tr("(defaults)"));
  m_presets->addItems(presetNames());
  m_presets->setToolTip(tr("Start from a preset; your edits are shown under Differences"));
  top->addWidget(m_presets, 1);
  auto* load = new QPushButton(tr("Load…"));
  load->setToolTip(tr("Load a YAML config file"));
  auto* save = new QPushButton(tr("Save…"));
  save->setToolTip(tr("Save the config as YAML"));
  top->addWidget(load);
  top->addWidget(save);
  layout->addLayout(top);

  m_tabs = new QTabWidget;
  layout->addWidget(m_tabs, 1);
  buildForm();

  m_status = new QLabel;
  m_status->setObjectName("status");
  m_status->setWordWrap(true);
  layout->addWidget(m_status);
  auto* buttons = new QHBoxLayout;
  buttons->addStretch(1);
  m_queue = new QPushButton(tr("&Queue"));
  m_queue->setToolTip(tr("Run after the queued runs before it (Ctrl+Shift+Return)"));
  m_queue->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
  m_launch = new QPushButton(tr("&Launch"));
  m_launch->setToolTip(tr("Start now in the background (Ctrl+Return)"));
  m_launch->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
  m_launch->setDefault(true);
  buttons->addWidget(m_queue);
  buttons->addWidget(m_launch);
  layout->addLayout(buttons);

  connect(m_presets, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (m_updating) return;
    if (index == 0) {
      setConfig(rl::TrainConfig{}, rl::TrainConfig{}, tr("defaults"));
    } else {
      loadPreset(m_presets->itemText(index));
    }
  });
  connect(load, &QPushButton::clicked, this, [this]() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Load config"), QString(),
                                                      tr("YAML configs (*.yaml *.yml)"));
    if (!path.isEmpty()) loadFile(path);
  });
  connect(save, &QPushButton::clicked, this, [this]() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save config"), QString::fromStdString(m_config.name) + ".yaml",
        tr("YAML configs (*.yaml *.yml)"));
    if (path.isEmpty()) return;
    const QString error = saveFile(path);
    m_status->setText(error.isEmpty() ? tr("Saved %1").arg(path) : error);
  });
  connect(m_launch, &QPushButton::clicked, this, [this]() {
    if (isValid()) Q_EMIT launchRequested(m_config, false);
  });
  connect(m_queue, &QPushButton::clicked, this, [this]() {
    if (isValid()) Q_EMIT launchRequested(m_config, true);
  });

  if (!loadPreset(QStringLiteral("sft_few_shot"))) {
    setConfig(rl::TrainConfig{}, rl::TrainConfig{}, tr("defaults"));
  }
}

LauncherWidget::~LauncherWidget() = default;

void LauncherWidget::buildForm() {
  QMap<QString, QFormLayout*> forms;
  QStringList order;
  const OptionSet options = m_config.options();
  QStringList taskNames;
  for (const auto& def : sim::taskDefinitions()) taskNames << QString::fromStdString(def.name);
  for (const auto& info : options.options()) {
    const QString key = QString::fromStdString(info.key);
    const QString section = key.contains('.') ? key.section('.', 0, 0) : QString();
    if (!forms.contains(section)) {
      auto* page = new QWidget;
      auto* form = new QFormLayout(page);
      form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
      auto* scroll = new QScrollArea;
      scroll->setWidget(page);
      scroll->setWidgetResizable(true);
      scroll->setFrameShape(QFrame::NoFrame);
      m_tabs->addTab(scroll, sectionTitle(section));
      forms[section] = form;
    }
    auto field = std::make_unique<Field>();
    field->info = info;
    field->key = key;
    Field* f = field.get();
    const QString tip = QStringLiteral("<b>%1</b> (%2)<br>%3")
                            .arg(key, typeHint(info).toHtmlEscaped(),
                                 QString::fromStdString(info.doc).toHtmlEscaped());
    QWidget* editor = nullptr;
    if (info.type == "bool") {
      f->check = new QCheckBox;
      connect(f->check, &QCheckBox::toggled, this,
              [this, key](bool on) { fieldEdited(key, on ? "true" : "false"); });
      editor = f->check;
    } else if (!info.choices.empty()) {
      f->combo = new QComboBox;
      for (const auto& c : info.choices) f->combo->addItem(QString::fromStdString(c));
      connect(f->combo, &QComboBox::currentTextChanged, this,
              [this, key](const QString& text) { fieldEdited(key, text); });
      editor = f->combo;
    } else {
      f->line = new QLineEdit;
      f->line->setObjectName(key);
      connect(f->line, &QLineEdit::textEdited, this,
              [this, key](const QString& text) { fieldEdited(key, text); });
      editor = f->line;
      const bool isTasks = key == "tasks" || key.endsWith(".tasks");
      const bool isPath = key == "rl.init_checkpoint" || key == "sft.demo_file";
      if (isTasks || isPath) {
        auto* row = new QWidget;
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(f->line, 1);
        auto* button = new QToolButton;
        button->setText(QStringLiteral("…"));
        h->addWidget(button);
        if (isTasks) {
          button->setToolTip(tr("Pick tasks and OOD variants"));
          button->setPopupMode(QToolButton::InstantPopup);
          auto* menu = new QMenu(button);
          button->setMenu(menu);
          connect(menu, &QMenu::aboutToShow, this, [this, menu, f, taskNames]() {
            // clear() keeps submenus alive: delete the previous ones
            for (QMenu* sub : menu->findChildren<QMenu*>(QString(), Qt::FindDirectChildrenOnly)) {
              sub->deleteLater();
            }
            menu->clear();
            QStringList current =
                f->line->text().remove('[').remove(']').split(',', Qt::SkipEmptyParts);
            for (QString& c : current) c = c.trimmed();
            auto addTask = [&](QMenu* m, const QString& name) {
              QAction* a = m->addAction(name);
              a->setCheckable(true);
              a->setChecked(current.contains(name));
              connect(a, &QAction::toggled, this, [this, f, name](bool on) {
                QStringList list =
                    f->line->text().remove('[').remove(']').split(',', Qt::SkipEmptyParts);
                for (QString& c : list) c = c.trimmed();
                if (on && !list.contains(name)) list << name;
                if (!on) list.removeAll(name);
                const QString text = '[' + list.join(", ") + ']';
                f->line->setText(text);
                fieldEdited(f->key, text);
              });
            };
            for (const QString& t : taskNames) addTask(menu, t);
            for (const char* variant : {"ood_vision", "ood_semantic", "ood_execution"}) {
              QMenu* sub = menu->addMenu(tr("Variant %1").arg(variant));
              for (const QString& t : taskNames) addTask(sub, t + '@' + variant);
            }
          });
        } else {
          button->setToolTip(tr("Browse"));
          const bool directory = key == "rl.init_checkpoint";
          connect(button, &QToolButton::clicked, this, [this, f, directory]() {
            const QString path =
                directory ? QFileDialog::getExistingDirectory(this, tr("Start checkpoint"))
                          : QFileDialog::getOpenFileName(this, tr("Demonstrations"), QString(),
                                                         tr("Demonstrations (*.pirldemo)"));
            if (path.isEmpty()) return;
            f->line->setText(path);
            fieldEdited(f->key, path);
          });
        }
        editor = row;
      }
    }
    editor->setToolTip(tip);
    f->error = new QLabel;
    f->error->setObjectName(key + "/error");
    f->error->setWordWrap(true);
    f->error->setStyleSheet(QStringLiteral("color: #c62828;"));
    f->error->hide();
    auto* cell = new QWidget;
    auto* v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(editor);
    v->addWidget(f->error);
    auto* label = new QLabel(key.contains('.') ? key.section('.', 1) : key);
    label->setToolTip(tip);
    forms[section]->addRow(label, cell);
    m_fields.push_back(std::move(field));
  }
  m_diff = new QTableWidget(0, 3);
  m_diff->setHorizontalHeaderLabels({tr("Option"), tr("Baseline"), tr("Now")});
  m_diff->horizontalHeader()->setStretchLastSection(true);
  m_diff->verticalHeader()->hide();
  m_diff->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_tabs->addTab(m_diff, tr("Differences"));
}

QString LauncherWidget::fieldText(const Field& f) const {
  if (f.check) return f.check->isChecked() ? "true" : "false";
  if (f.combo) return f.combo->currentText();
  return f.line->text();
}

void LauncherWidget::setFieldText(Field& f, const QString& text) {
  if (f.check) f.check->setChecked(text == "true");
  if (f.combo) f.combo->setCurrentText(text);
  if (f.line) f.line->setText(text);
}

void LauncherWidget::showFieldError(Field& f, const QString& error) {
  f.error->setText(error);
  f.error->setVisible(!error.isEmpty());
  if (f.line) {
    f.line->setStyleSheet(error.isEmpty() ? QString()
                                          : QStringLiteral("border: 1px solid #c62828;"));
  }
  if (error.isEmpty()) {
    m_errors.remove(f.key);
  } else {
    m_errors[f.key] = error;
  }
}

void LauncherWidget::refreshFields() {
  m_updating = true;
  const OptionSet options = m_config.options();
  for (auto& f : m_fields) {
    setFieldText(*f, displayText(f->info, options.valueText(f->info.key)));
    showFieldError(*f, {});
  }
  m_updating = false;
  updateStatus();
}

void LauncherWidget::setFork(const rl::TrainConfig& config, const rl::TrainConfig& baseline,
                             const QString& baselineName, qint64 parentRun) {
  setConfig(config, baseline, baselineName);
  m_parentRun = parentRun;
  m_parentCheckpoint = config.rl.initCheckpoint;
  m_tabs->setCurrentWidget(m_diff);
  updateStatus();
}

void LauncherWidget::setConfig(const rl::TrainConfig& config, const rl::TrainConfig& baseline,
                               const QString& baselineName) {
  m_parentRun = 0;
  m_parentCheckpoint.clear();
  m_config = config;
  m_baseline = baseline;
  m_baselineName = baselineName;
  refreshFields();
}

bool LauncherWidget::loadPreset(const QString& name) {
  const std::string yaml = presetYaml(name);
  if (yaml.empty()) return false;
  auto config = rl::parseTrainConfig(yaml, name.toStdString() + ".yaml");
  if (!config) {
    m_status->setText(QString::fromStdString(config.error().message));
    return false;
  }
  m_updating = true;
  m_presets->setCurrentText(name);
  m_updating = false;
  setConfig(config.value(), config.value(), name);
  return true;
}

QString LauncherWidget::loadFile(const QString& path) {
  auto config = rl::loadTrainConfig(path.toStdString(), {});
  if (!config) {
    const QString error = QString::fromStdString(config.error().message);
    m_status->setText(error);
    return error;
  }
  setConfig(config.value(), config.value(), QFileInfo(path).fileName());
  return {};
}

QString LauncherWidget::saveFile(const QString& path) const {
  rl::TrainConfig copy = m_config;
  if (auto s = writeFileAtomic(path.toStdString(), copy.toYaml()); !s) {
    return QString::fromStdString(s.error().message);
  }
  return {};
}

bool LauncherWidget::setOptionText(const QString& key, const QString& text) {
  for (auto& f : m_fields) {
    if (f->key != key) continue;
    setFieldText(*f, text);
    // check boxes and combo boxes report through their own signals; line edits do not
    if (f->line) fieldEdited(key, text);
    return true;
  }
  return false;
}

QString LauncherWidget::optionText(const QString& key) const {
  for (const auto& f : m_fields) {
    if (f->key == key) return fieldText(*f);
  }
  return {};
}

void LauncherWidget::fieldEdited(const QString& key, const QString& text) {
  if (m_updating) return;
  Field* field = nullptr;
  for (auto& f : m_fields) {
    if (f->key == key) field = f.get();
  }
  if (!field) return;
  rl::TrainConfig candidate = m_config;
  Status s = candidate.options().set(key.toStdString(), yamlFor(field->info, text).toStdString());
  if (s) m_config = candidate;
  showFieldError(*field, s ? QString() : QString::fromStdString(s.error().message));
  updateStatus();
}

QStringList LauncherWidget::differences() const {
  rl::TrainConfig a = m_baseline, b = m_config;
  return differingKeys(a, b);
}

void LauncherWidget::updateStatus() {
  const bool wasValid = isValid();
  const Status cross = m_config.validate();
  m_crossError = cross ? QString() : QString::fromStdString(cross.error().message);
  rl::TrainConfig baseline = m_baseline;
  const auto before = flattenConfig(baseline);
  rl::TrainConfig current = m_config;
  const auto now = flattenConfig(current);
  m_diff->setRowCount(0);
  for (size_t i = 0; i < now.size() && i < before.size(); ++i) {
    if (now[i].second == before[i].second) continue;
    const int row = m_diff->rowCount();
    m_diff->insertRow(row);
    m_diff->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(now[i].first)));
    m_diff->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(before[i].second)));
    m_diff->setItem(row, 2, new QTableWidgetItem(QString::fromStdString(now[i].second)));
  }
  m_tabs->setTabText(m_tabs->indexOf(m_diff), tr("Differences (%1)").arg(m_diff->rowCount()));
  m_diff->setToolTip(tr("Options that differ from %1").arg(m_baselineName));
  QString text;
  if (!m_errors.isEmpty()) {
    text = tr("%n option(s) invalid: %1", "", m_errors.size()).arg(m_errors.keys().join(", "));
  } else if (!m_crossError.isEmpty()) {
    text = m_crossError;
  } else {
    text = tr("Ready: %1 with %n change(s) from %2", "", m_diff->rowCount())
               .arg(QString::fromStdString(m_config.name), m_baselineName);
    if (m_parentRun > 0 && m_config.rl.initCheckpoint == m_parentCheckpoint) {
      text += tr(" (fork of run %1)").arg(m_parentRun);
    }
  }
  m_status->setText(text);
  m_status->setStyleSheet(isValid() ? QString() : QStringLiteral("color: #c62828;"));
  m_launch->setEnabled(isValid());
  m_queue->setEnabled(isValid());
  if (wasValid != isValid()) Q_EMIT validityChanged(isValid());
}

}  // namespace pirl::widgets

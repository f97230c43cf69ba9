#include "widgets/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>

#include <limits>

#include "core/rl/checkpoint.h"
#include "core/storage/database.h"
#include "widgets/checkpoint_browser.h"
#include "widgets/denoise_view.h"
#include "widgets/jobs_widget.h"
#include "widgets/launcher_widget.h"
#include "widgets/live_view.h"
#include "widgets/metrics_widget.h"
#include "widgets/replay_view.h"
#include "widgets/run_manager.h"
#include "widgets/runs_widget.h"

namespace pirl::widgets {

namespace {

QDockWidget* dock(QMainWindow* window, const QString& title, const QString& name, QWidget* w,
                  Qt::DockWidgetArea area) {
  auto* d = new QDockWidget(title, window);
  d->setObjectName(name);
  d->setWidget(w);
  window->addDockWidget(area, d);
  return d;
}

QPalette darkPalette() {
  QPalette p;
  const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230), accent(64, 128, 208);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, base);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::BrightText, Qt::red);
  p.setColor(QPalette::Highlight, accent);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, accent.lighter());
  p.setColor(QPalette::Disabled, QPalette::Text, QColor(128, 128, 128));
  p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(128, 128, 128));
  p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(128, 128, 128));
  return p;
}

}  // namespace

MainWindow::MainWindow(const QString& dbPath, QWidget* parent) : QMainWindow(parent) {
  setObjectName("MainWindow");
  setWindowTitle(tr("PiRL Studio"));
  m_manager = new RunManager(dbPath, this);
  m_metrics = new MetricsWidget;
  m_live = new LiveView(m_manager);
  m_replay = new ReplayView;
  m_denoise = new DenoiseView;
  m_checkpoints = new CheckpointBrowser;
  m_tabs = new QTabWidget;
  m_tabs->setDocumentMode(true);
  m_tabs->addTab(m_metrics, tr("Metrics"));
  m_tabs->addTab(m_live, tr("Live 3D"));
  m_tabs->addTab(m_replay, tr("Replay"));
  m_tabs->addTab(m_denoise, tr("Denoising"));
  m_tabs->addTab(m_checkpoints, tr("Checkpoints"));
  setCentralWidget(m_tabs);
  m_launcher = new LauncherWidget;
  m_runs = new RunsWidget;
  m_jobs = new JobsWidget(m_manager);
  m_log = new QPlainTextEdit;
  m_log->setReadOnly(true);
  m_log->setMaximumBlockCount(5000);
  dock(this, tr("Launcher"), "launcherDock", m_launcher, Qt::LeftDockWidgetArea);
  dock(this, tr("Runs"), "runsDock", m_runs, Qt::TopDockWidgetArea);
  QDockWidget* jobs = dock(this, tr("Jobs"), "jobsDock", m_jobs, Qt::BottomDockWidgetArea);
  QDockWidget* logDock = dock(this, tr("Log"), "logDock", m_log, Qt::BottomDockWidgetArea);
  tabifyDockWidget(jobs, logDock);
  setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
  setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
  resize(1600, 1000);
  jobs->raise();

  m_deviceLabel = new QLabel;
  m_runningLabel = new QLabel;
  m_dbLabel = new QLabel;
  statusBar()->addWidget(m_deviceLabel);
  statusBar()->addWidget(m_runningLabel);
  statusBar()->addPermanentWidget(m_dbLabel);
  auto device = rl::resolveDeviceName("auto");
  m_deviceLabel->setText(
      tr("Device: %1").arg(QString::fromStdString(device ? device.value() : std::string("cpu"))));
  m_deviceLabel->setToolTip(tr("Where runs with device \"auto\" train"));

  buildMenus();
  m_defaultState = saveState();

  connect(m_launcher, &LauncherWidget::launchRequested, this,
          [this](const rl::TrainConfig& config, bool queue) { m_manager->launch(config, queue); });
  connect(m_runs, &RunsWidget::selectionChanged, m_metrics, &MetricsWidget::setRuns);
  connect(m_runs, &RunsWidget::selectionChanged, this, [this](const QList<qint64>& runs) {
    if (!runs.isEmpty()) m_denoise->setRun(runs.front());
  });
  connect(m_metrics, &MetricsWidget::pointClicked, this, [this](qint64 runId, qint64 step) {
    if (m_replay->open(runId, step)) {
      m_tabs->setCurrentWidget(m_replay);
    } else {
      log(tr("Run %1 has no recorded episodes to replay.").arg(runId));
    }
  });
  connect(m_runs, &RunsWidget::replayRequested, this, [this](qint64 runId) {
    if (m_replay->open(runId, std::numeric_limits<qint64>::max())) {
      m_tabs->setCurrentWidget(m_replay);
    } else {
      log(tr("Run %1 has no recorded episodes to replay.").arg(runId));
    }
  });
  connect(m_checkpoints, &CheckpointBrowser::message, this, &MainWindow::log);
  connect(m_checkpoints, &CheckpointBrowser::resumeRequested, this,
          [this](qint64 runId, const QString& name, qint64 step) {
            m_manager->resumeRun(runId, name, step);
          });
  connect(m_checkpoints, &CheckpointBrowser::forkRequested, this,
          [this](const rl::TrainConfig& config, const rl::TrainConfig& baseline, qint64 runId) {
            m_launcher->setFork(config, baseline, tr("run #%1").arg(runId), runId);
            if (auto* d = findChild<QDockWidget*>("launcherDock")) {
              d->show();
              d->raise();
            }
            log(tr("Fork of run %1 ready in the launcher (differences from its config shown)")
                    .arg(runId));
          });
  connect(m_manager, &RunManager::jobEnded, m_checkpoints, &CheckpointBrowser::refresh);
  connect(m_replay, &ReplayView::inspectRequested, this,
          [this](qint64 runId, qint64 step, const QString& task, const std::vector<float>& state) {
            m_denoise->setRun(runId, step);
            m_denoise->setObservation(task.toStdString(), state);
            m_tabs->setCurrentWidget(m_denoise);
            const QString error = m_denoise->sample();
            if (!error.isEmpty()) log(error);
          });
  connect(m_runs, &RunsWidget::resumeRequested, this,
          [this](qint64 runId, const QString& name) { m_manager->resumeRun(runId, name); });
  connect(m_runs, &RunsWidget::trainFurtherRequested, this,
          [this](qint64 runId, const QString& name, qint64 iterations) {
            m_manager->resumeRun(runId, name, -1, iterations);
          });
  connect(m_runs, &RunsWidget::message, this, &MainWindow::log);
  connect(m_manager, &RunManager::logMessage, this, &MainWindow::log);
  connect(m_manager, &RunManager::jobChanged, this, &MainWindow::updateStatus);
  connect(m_manager, &RunManager::runCreated, this, [this](int, qint64 runId) {
    // a new run is shown at once next to whatever was selected
    QList<qint64> selected = m_runs->selectedRuns();
    m_runs->refresh();
    if (!selected.contains(runId)) selected << runId;
    m_runs->selectRuns(selected);
  });
  connect(m_manager, &RunManager::runProgressed, m_metrics,
          [this](int, qint64 runId) { m_metrics->runProgressed(runId); });
  // the runs table refreshes at most every 2 s while something runs (and catches runs written
  // by other processes, such as the CLI)
  m_refresh = new QTimer(this);
  m_refresh->setInterval(2000);
  connect(m_refresh, &QTimer::timeout, m_runs, &RunsWidget::refresh);
  m_refresh->start();

  QSettings settings;
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  applyTheme(settings.value("view/theme", "system").toString());
  if (!openDatabase(dbPath)) log(tr("No project database is open."));
  updateStatus();
}

MainWindow::~MainWindow() {
  // jobs write through their own connections; stop them before the GUI's goes away, and let
  // no view keep a pointer to the connection destroyed with this window
  m_manager->stopAll();
  attachViews(nullptr, QString());
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* newDb = file->addAction(tr("&New project database…"), this, [this]() {
    const QString path = QFileDialog::getSaveFileName(this, tr("New project database"), QString(),
                                                      tr("Databases (*.db)"));
    if (!path.isEmpty()) openDatabase(path);
  });
  newDb->setShortcut(QKeySequence::New);
  QAction* open = file->addAction(tr("&Open project database…"), this, [this]() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project database"), QString(),
                                                      tr("Databases (*.db)"));
    if (!path.isEmpty()) openDatabase(path);
  });
  open->setShortcut(QKeySequence::Open);
  file->addAction(tr("Open the &default database"), this, [this]() {
    auto path = storage::Database::defaultPath();
    if (path) openDatabase(QString::fromStdString(path.value()));
  });
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* run = menuBar()->addMenu(tr("&Run"));
  QAction* pause = run->addAction(tr("&Pause job"), m_jobs, &JobsWidget::pauseSelected);
  pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
  QAction* resume = run->addAction(tr("&Resume job"), m_jobs, &JobsWidget::resumeSelected);
  resume->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
  QAction* stop = run->addAction(tr("&Stop job"), m_jobs, &JobsWidget::stopSelected);
  stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
  run->addSeparator();
  QAction* compare =
      run->addAction(tr("&Compare selected configs"), m_runs, &RunsWidget::compareSelected);
  compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
  QAction* refresh = run->addAction(tr("Re&fresh"), this, [this]() {
    m_runs->refresh();
    m_metrics->reload();
  });
  refresh->setShortcut(QKeySequence::Refresh);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (QDockWidget* d : findChildren<QDockWidget*>()) view->addAction(d->toggleViewAction());
  view->addSeparator();
  QMenu* theme = view->addMenu(tr("&Theme"));
  auto* themes = new QActionGroup(this);
  const QString current = QSettings().value("view/theme", "system").toString();
  for (const auto& [key, label] :
       {std::pair{"system", tr("System")}, std::pair{"light", tr("Light")},
        std::pair{"dark", tr("Dark")}}) {
    QAction* a = theme->addAction(label);
    a->setCheckable(true);
    a->setChecked(current == key);
    themes->addAction(a);
    const QString name = QString::fromLatin1(key);
    connect(a, &QAction::triggered, this, [this, name]() {
      QSettings().setValue("view/theme", name);
      applyTheme(name);
    });
  }
  view->addAction(tr("&Reset layout"), this, [this]() { restoreState(m_defaultState); });
  QMenu* language = view->addMenu(tr("&Language"));
  auto* languages = new QActionGroup(this);
  const QString chosen = QSettings().value("view/language", "system").toString();
  const std::pair<QString, QString> names[] = {{"system", tr("System language")},
                                               {"en", QStringLiteral("English")},
                                               {"de", QStringLiteral("Deutsch")},
                                               {"zh_CN", QStringLiteral("简体中文")}};
  for (const auto& [code, label] : names) {
    QAction* a = language->addAction(label);
    a->setCheckable(true);
    a->setChecked(code == chosen);
    languages->addAction(a);
    connect(a, &QAction::triggered, this, [this, code = code]() {
      QSettings().setValue("view/language", code);
      QMessageBox::information(this, tr("Language"),
                               tr("The language changes when PiRL Studio starts next time."));
    });
  }

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About PiRL Studio"), this, [this]() {
    QMessageBox::about(this, tr("About PiRL Studio"),
                       tr("<h3>PiRL Studio %1</h3><p>Online RL fine-tuning of flow-matching "
                          "robot policies with Flow-Noise and Flow-SDE.</p><p>Versions: %2</p>")
                           .arg(QStringLiteral(PIRL_VERSION),
                                QString::fromStdString(rl::versionsJson()).toHtmlEscaped()));
  });

  QToolBar* bar = addToolBar(tr("Main"));
  bar->setObjectName("mainToolBar");
  bar->addAction(pause);
  bar->addAction(resume);
  bar->addAction(stop);
  bar->addSeparator();
  bar->addAction(compare);
  bar->addAction(refresh);
}

void MainWindow::attachViews(storage::Database* db, const QString& path) {
  m_runs->setDatabase(db);
  m_metrics->setDatabase(db);
  m_replay->setDatabase(db);
  m_denoise->setDatabase(db);
  m_checkpoints->setDatabase(db, path);
}

bool MainWindow::openDatabase(const QString& path) {
  auto db = storage::Database::open(path.toStdString());
  if (!db) {
    const QString error = QString::fromStdString(db.error().message);
    log(error);
    if (isVisible()) QMessageBox::warning(this, tr("Cannot open the database"), error);
    return false;
  }
  attachViews(nullptr, QString());
  m_db = std::move(db.value());
  m_dbPath = path;
  m_manager->setDatabasePath(path);
  attachViews(m_db.get(), path);
  m_dbLabel->setText(tr("Database: %1").arg(path));
  QSettings().setValue("project/database", path);
  log(tr("Opened %1").arg(path));
  return true;
}

QStringList MainWindow::writeScreenshots(const QString& dir) {
  QStringList files;
  auto save = [&](QWidget* w, const QString& name) {
    const QString path = dir + "/studio-" + name + ".png";
    if (w && w->grab().save(path, "PNG")) files << path;
  };
  save(this, "main");
  save(m_launcher, "launcher");
  save(m_runs, "runs");
  save(m_metrics, "metrics");
  m_checkpoints->tree()->expandAll();
  for (int i = 1; i < m_tabs->count(); ++i) {
    m_tabs->setCurrentIndex(i);
    QApplication::processEvents();
    save(m_tabs->widget(i), QStringList{"", "live", "replay", "denoising", "checkpoints"}.value(i));
  }
  m_tabs->setCurrentIndex(0);
  save(m_jobs, "jobs");
  save(m_log, "log");
  if (m_runs->selectedRuns().size() >= 2) {
    m_runs->compareSelected();
    QApplication::processEvents();
    for (QWidget* w : QApplication::topLevelWidgets()) {
      if (w->isVisible() && w->windowTitle() == tr("Config comparison")) {
        save(w, "config-diff");
        w->close();
      }
    }
  }
  return files;
}

void MainWindow::applyTheme(const QString& theme) {
  static const QPalette systemPalette = QApplication::palette();
  if (theme == "dark") {
    QApplication::setPalette(darkPalette());
  } else if (theme == "light") {
    QApplication::setPalette(QApplication::style()->standardPalette());
  } else {
    QApplication::setPalette(systemPalette);
  }
}

void MainWindow::updateStatus() {
  const int active = m_manager->activeCount();
  m_runningLabel->setText(tr("%n run(s) active", "", active));
  setWindowTitle(active > 0 ? tr("PiRL Studio — %n run(s) active", "", active) : tr("PiRL Studio"));
}

void MainWindow::log(const QString& line) {
  m_log->appendPlainText(
      QStringLiteral("%1  %2").arg(QDateTime::currentDateTime().toString("HH:mm:ss"), line));
}

void MainWindow::closeEvent(QCloseEvent* event) {
  const int active = m_manager->activeCount();
  if (active > 0) {
    const auto answer = QMessageBox::question(
        this, tr("Quit"),
        tr("%n run(s) are still active. Stop them (each writes a final checkpoint) and quit?", "",
           active),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
  }
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  m_manager->stopAll();
  event->accept();
}

}  // namespace pirl::widgets

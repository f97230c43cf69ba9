#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "app/cli_common.h"
#include "core/storage/database.h"

namespace pirl::app {

Result<std::string> projectDatabasePath(const std::string& path) {
  if (!path.empty()) return path;
  return storage::Database::defaultPath();
}

int fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return 1;
}

Progress::Progress(std::string label, int total)
    : m_label(std::move(label)), m_total(total), m_tty(isatty(STDERR_FILENO) != 0) {}

void Progress::update(int done, const std::string& status) {
  const double frac = m_total > 0 ? static_cast<double>(done) / m_total : 1.0;
  if (m_tty) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(frac * kWidth);
    std::string bar(filled, '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%s [%s] %d/%d %s   ", m_label.c_str(), bar.c_str(), done, m_total,
                 status.c_str());
    std::fflush(stderr);
    return;
  }
  const int decile = static_cast<int>(frac * 10);
  if (decile != m_lastDecile) {
    m_lastDecile = decile;
    std::fprintf(stderr, "%s %d/%d %s\n", m_label.c_str(), done, m_total, status.c_str());
  }
}

void Progress::finish() {
  if (m_tty) std::fprintf(stderr, "\n");
}

}  // namespace pirl::app

int main(int argc, char** argv) {
  CLI::App app{"pirl: online RL fine-tuning of flow-matching robot policies (PiRL Studio)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("pirl ") + PIRL_VERSION);
  pirl::app::CommandAction action;
  pirl::app::addSimCommands(app, action);
  pirl::app::addTrainCommands(app, action);
  pirl::app::addConfigCommands(app, action);
  pirl::app::addRunsCommands(app, action);
  pirl::app::addPlotCommands(app, action);
  pirl::app::addBenchCommands(app, action);
  // name an unknown command instead of CLI11's generic "a subcommand is required"
  if (argc > 1 && argv[1][0] != '-') {
    std::string known;
    bool found = false;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
      known += (known.empty() ? "" : ", ") + sub->get_name();
      found = found || sub->get_name() == argv[1];
    }
    if (!found) {
      return pirl::app::fail(std::string("unknown command '") + argv[1] + "'; commands: " + known);
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (!action) return pirl::app::fail("no command given; see pirl --help");
  return action();
}

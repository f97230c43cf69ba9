#pragma once

#include <CLI/CLI.hpp>
#include <charconv>
#include <functional>
#include <string>

#include "core/common/result.h"

namespace pirl::app {

/// The action a parsed subcommand runs; returns the process exit code.
using CommandAction = std::function<int()>;

/// Registers `pirl tasks` and `pirl expert`.
void addSimCommands(CLI::App& app, CommandAction& action);
/// Registers `pirl train` and `pirl schedule`.
void addTrainCommands(CLI::App& app, CommandAction& action);
/// Registers `pirl config`.
void addConfigCommands(CLI::App& app, CommandAction& action);
/// Registers `pirl runs`, `pirl metrics` and `pirl eval`.
void addRunsCommands(CLI::App& app, CommandAction& action);
/// Registers `pirl plot`.
void addPlotCommands(CLI::App& app, CommandAction& action);
/// Registers `pirl bench …`.
void addBenchCommands(CLI::App& app, CommandAction& action);
/// Registers `pirl render` and `pirl bench render` (`bench` is the bench subcommand).
void addRenderCommands(CLI::App& app, CLI::App& bench, CommandAction& action);

/// The database a command uses: `path` when given (--db), else the default project database.
Result<std::string> projectDatabasePath(const std::string& path);

/// Accepts a whole number of at least `min` (run ids, steps), with a message that names the
/// problem ("'abc' is not a whole number"; CLI11's PositiveNumber quotes a range up to 1.8e308).
inline CLI::Validator wholeNumber(long long min) {
  return CLI::Validator(
      [min](std::string& text) -> std::string {
        long long value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, ec] = std::from_chars(text.data(), end, value);
        if (ec == std::errc::result_out_of_range && stop == end)
          return "'" + text + "' is too large";
        if (ec != std::errc() || stop != end) {
          return "'" + text + "' is not a whole number";
        }
        if (value < min) return "must be at least " + std::to_string(min) + ", got " + text;
        return {};
      },
      min > 0 ? "POSITIVE" : "NON-NEGATIVE");
}

/// Prints "error: <message>" to stderr and returns exit code 1.
int fail(const std::string& message);

/// Terminal progress readout on stderr: a redrawn bar on a terminal, a line every 10% otherwise.
class Progress {
 public:
  /// Starts a readout labelled `label` for `total` units.
  Progress(std::string label, int total);
  /// Reports `done` units finished, with an extra status text.
  void update(int done, const std::string& status);
  /// Changes the total (a resumed run learns its length from its first report).
  void setTotal(int total) { m_total = total; }
  /// Ends the readout (newline on a terminal).
  void finish();

 private:
  std::string m_label;
  int m_total;
  int m_lastDecile = -1;
  bool m_tty;
};

}  // namespace pirl::app

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli_common.h"
#include "core/common/file_util.h"
#include "core/storage/database.h"

namespace pirl::app {

namespace {

struct PlotArgs {
  std::string db;
  std::vector<std::int64_t> runs;
  std::string key = "eval/success_once";
  std::string x = "env_steps";
  std::string out;
};

struct Series {
  std::string label;
  std::vector<std::pair<double, double>> points;
};

// a readable axis step: 1, 2 or 5 times a power of ten, about `ticks` steps over `range`
double niceStep(double range, int ticks) {
  const double raw = range / std::max(ticks, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * magnitude) return m * magnitude;
  }
  return 10 * magnitude;
}

std::string escapeXml(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else
      out += c;
  }
  return out;
}

std::string renderSvg(const std::vector<Series>& series, const std::string& xLabel,
                      const std::string& yLabel) {
  constexpr double kW = 720, kH = 420, kLeft = 70, kRight = 20, kTop = 30, kBottom = 50;
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (const auto& s : series) {
    for (const auto& [x, y] : s.points) {
      x0 = std::min(x0, x);
      x1 = std::max(x1, x);
      y0 = std::min(y0, y);
      y1 = std::max(y1, y);
    }
  }
  if (x1 <= x0) x1 = x0 + 1;
  if (y1 <= y0) y1 = y0 + 1;
  const double pw = kW - kLeft - kRight, ph = kH - kTop - kBottom;
  auto px = [&](double x) { return kLeft + (x - x0) / (x1 - x0) * pw; };
  auto py = [&](double y) { return kTop + (1 - (y - y0) / (y1 - y0)) * ph; };
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kW << "\" height=\"" << kH
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  const double xs = niceStep(x1 - x0, 6), ys = niceStep(y1 - y0, 5);
  for (double t = std::ceil(x0 / xs) * xs; t <= x1 + 1e-9; t += xs) {
    svg << "<line x1=\"" << px(t) << "\" y1=\"" << kTop << "\" x2=\"" << px(t) << "\" y2=\""
        << kTop + ph << "\" stroke=\"#e0e0e0\"/><text x=\"" << px(t) << "\" y=\"" << kTop + ph + 16
        << "\" text-anchor=\"middle\">" << t << "</text>\n";
  }
  for (double t = std::ceil(y0 / ys) * ys; t <= y1 + 1e-9; t += ys) {
    svg << "<line x1=\"" << kLeft << "\" y1=\"" << py(t) << "\" x2=\"" << kLeft + pw << "\" y2=\""
        << py(t) << "\" stroke=\"#e0e0e0\"/><text x=\"" << kLeft - 6 << "\" y=\"" << py(t) + 4
        << "\" text-anchor=\"end\">" << t << "</text>\n";
  }
  svg << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << pw << "\" height=\"" << ph
      << "\" fill=\"none\" stroke=\"#444\"/>\n"
      << "<text x=\"" << kLeft + pw / 2 << "\" y=\"" << kH - 12 << "\" text-anchor=\"middle\">"
      << escapeXml(xLabel) << "</text>\n"
      << "<text x=\"16\" y=\"" << kTop + ph / 2
      << "\" text-anchor=\"middle\" transform=\"rotate(-90 16 " << kTop + ph / 2 << ")\">"
      << escapeXml(yLabel) << "</text>\n";
  const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
  for (std::size_t i = 0; i < series.size(); ++i) {
    const char* c = colours[i % 6];
    svg << "<polyline fill=\"none\" stroke=\"" << c << "\" stroke-width=\"2\" points=\"";
    for (const auto& [x, y] : series[i].points) svg << px(x) << "," << py(y) << " ";
    svg << "\"/>\n<text x=\"" << kLeft + 10 << "\" y=\"" << kTop + 16 + 16 * i << "\" fill=\"" << c
        << "\">" << escapeXml(series[i].label) << "</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

int runPlot(const PlotArgs& args) {
  auto resolved = projectDatabasePath(args.db);
  if (!resolved) return fail(resolved.error().message);
  const std::string dbPath = resolved.value();
  auto db = storage::Database::open(dbPath);
  if (!db) return fail(db.error().message);
  std::vector<Series> series;
  for (auto run : args.runs) {
    auto record = db.value()->run(run);
    if (!record) return fail(record.error().message);
    auto points = db.value()->metric(run, args.key);
    if (!points) return fail(points.error().message);
    if (points->empty()) {
      return fail("run " + std::to_string(run) + " has no metric '" + args.key + "'");
    }
    Series s;
    s.label = "run " + std::to_string(run) + " " + record->name;
    for (const auto& p : points.value()) {
      const double x = args.x == "step" ? p.step : args.x == "wall_time" ? p.wallTime : p.envSteps;
      s.points.push_back({x, p.value});
    }
    series.push_back(std::move(s));
  }
  const std::string xLabel = args.x == "wall_time" ? "wall time (s)" : args.x;
  if (auto s = writeFileAtomic(args.out, renderSvg(series, xLabel, args.key)); !s) {
    return fail(s.error().message);
  }
  std::printf("wrote %s\n", args.out.c_str());
  return 0;
}

}  // namespace

void addPlotCommands(CLI::App& app, CommandAction& action) {
  auto* plot = app.add_subcommand("plot", "Plot metric curves of runs from the database as SVG");
  auto args = std::make_shared<PlotArgs>();
  plot->add_option("--db", args->db, "Project database (default: <data dir>/pirl.db)");
  plot->add_option("--run", args->runs, "Run id (repeatable)")->required();
  plot->add_option("--key", args->key, "Metric name (default eval/success_once)");
  plot->add_option("--x", args->x, "x axis: env_steps, step or wall_time")
      ->check(CLI::IsMember({"env_steps", "step", "wall_time"}));
  plot->add_option("--out", args->out, "SVG file to write")->required();
  plot->callback([&action, args] { action = [args] { return runPlot(*args); }; });
}

}  // namespace pirl::app

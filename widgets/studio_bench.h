#pragma once

#include <QString>

namespace pirl::widgets {

/// Redraw time of the metrics chart with `runs` runs of `points` points each at several zoom
/// levels (1280×720), as a JSON object.
QString benchPlot(int runs, int points, int repeats);

/// GUI event-loop latency while a small run trains in the background from the launcher, as a
/// JSON object (timer lateness percentiles in ms). `dbPath` is a scratch database.
QString benchEventLoop(const QString& dbPath);

/// Training throughput of a small RL run with and without the live 3D view following it
/// (alternating, `repeats` times each), as a JSON object with the slowdown in percent.
QString benchLive(const QString& dbPath, int repeats);

}  // namespace pirl::widgets

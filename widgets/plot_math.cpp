#include "widgets/plot_math.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace pirl::widgets {

std::vector<double> debiasedEma(const std::vector<double>& values, double weight) {
  std::vector<double> out(values.size());
  const bool constant =
      std::all_of(values.begin(), values.end(), [&](double v) { return v == values.front(); });
  if (values.empty() || constant || weight <= 0.0) return values;
  double last = 0.0;
  int count = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    const double v = values[i];
    if (!std::isfinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1.0 - weight) * v;
    ++count;
    const double debias = weight == 1.0 ? 1.0 : 1.0 - std::pow(weight, count);
    out[i] = last / debias;
  }
  return out;
}

XySeries downsampleMinMax(const std::vector<double>& x, const std::vector<double>& y, double xMin,
                          double xMax, int columns) {
  XySeries out;
  const size_t n = std::min(x.size(), y.size());
  if (n == 0) return out;
  columns = std::max(columns, 1);
  const size_t first = std::lower_bound(x.begin(), x.begin() + n, xMin) - x.begin();
  const size_t end = std::upper_bound(x.begin(), x.begin() + n, xMax) - x.begin();
  const size_t from = first > 0 ? first - 1 : 0;
  const size_t to = end < n ? end + 1 : n;
  auto push = [&](size_t i) {
    out.x.push_back(x[i]);
    out.y.push_back(y[i]);
  };
  if (end - first <= 4 * static_cast<size_t>(columns) || !(xMax > xMin)) {
    for (size_t i = from; i < to; ++i) push(i);
    return out;
  }
  if (from < first) push(from);
  const double width = (xMax - xMin) / columns;
  size_t i = first;
  while (i < end) {
    const auto column = static_cast<long>(std::floor((x[i] - xMin) / width));
    size_t lo = i, hi = i, last = i;
    for (; last + 1 < end && static_cast<long>(std::floor((x[last + 1] - xMin) / width)) == column;
         ++last) {
      if (y[last + 1] < y[lo]) lo = last + 1;
      if (y[last + 1] > y[hi]) hi = last + 1;
    }
    size_t picks[4] = {i, std::min(lo, hi), std::max(lo, hi), last};
    size_t previous = n;
    for (size_t p : picks) {
      if (p != previous) push(p);
      previous = p;
    }
    i = last + 1;
  }
  if (end < to) push(end);
  return out;
}

BandSeries meanBand(const std::vector<StepSeries>& runs) {
  BandSeries out;
  if (runs.empty()) return out;
  // step -> (count, sum x, sum y, sum y²)
  std::map<std::int64_t, std::array<double, 4>> acc;
  for (const auto& run : runs) {
    for (size_t i = 0; i < run.steps.size(); ++i) {
      auto& a = acc[run.steps[i]];
      a[0] += 1.0;
      a[1] += run.x[i];
      a[2] += run.y[i];
      a[3] += run.y[i] * run.y[i];
    }
  }
  const double count = static_cast<double>(runs.size());
  for (const auto& [step, a] : acc) {
    if (a[0] != count) continue;
    const double mean = a[2] / count;
    out.x.push_back(a[1] / count);
    out.mean.push_back(mean);
    out.std.push_back(std::sqrt(std::max(0.0, a[3] / count - mean * mean)));
  }
  return out;
}

}  // namespace pirl::widgets

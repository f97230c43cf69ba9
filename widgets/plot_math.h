#pragma once

#include <cstdint>
#include <vector>

namespace pirl::widgets {

/// TensorBoard's debiased exponential moving average with smoothing weight `weight` in [0, 1):
/// last = last·w + (1 − w)·y; smoothed = last / (1 − w^n) over the n finite values so far.
/// Non-finite values pass through unchanged; a constant series stays exactly constant.
std::vector<double> debiasedEma(const std::vector<double>& values, double weight);

/// Points of a series (x ascending).
struct XySeries {
  /// Abscissae.
  std::vector<double> x;
  /// Ordinates.
  std::vector<double> y;
};

/// Reduces the points with x in [xMin, xMax] to at most four per pixel column (the first, the
/// lowest, the highest and the last, in x order), plus the nearest point outside each end so
/// lines run to the border. Spikes survive any zoom level; series that already fit are copied.
XySeries downsampleMinMax(const std::vector<double>& x, const std::vector<double>& y, double xMin,
                          double xMax, int columns);

/// One run's series with the step of every point, for grouping runs across seeds.
struct StepSeries {
  /// Step of each point.
  std::vector<std::int64_t> steps;
  /// Abscissa of each point (step, environment steps or seconds).
  std::vector<double> x;
  /// Value of each point.
  std::vector<double> y;
};

/// Mean and spread of several runs at each step every one of them has logged.
struct BandSeries {
  /// Mean abscissa at each shared step.
  std::vector<double> x;
  /// Mean value.
  std::vector<double> mean;
  /// Population standard deviation of the values.
  std::vector<double> std;
};

/// Mean ± standard deviation across `runs` at the steps common to all of them.
BandSeries meanBand(const std::vector<StepSeries>& runs);

}  // namespace pirl::widgets

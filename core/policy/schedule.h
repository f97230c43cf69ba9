#pragma once

#include <string>
#include <vector>

namespace pirl::policy {

/// The denoising time grid and the Flow-SDE transition coefficients of ALGORITHMS.md §1 and §3:
/// t_k = 1 - k/N, step k maps x_k to x_{k+1}, mean = coefX * x_k + coefV * v_k.
struct DenoiseSchedule {
  /// Number of denoising steps N.
  int steps = 4;
  /// Flow-SDE noise level a.
  double noiseLevel = 0.5;
  /// t_0 .. t_N (N + 1 values, 1 down to 0).
  std::vector<double> t;
  /// Step size delta = 1/N.
  double delta = 0.25;
  /// Flow-SDE sigma_k (diffusion coefficient) for k = 0 .. N-1.
  std::vector<double> sigma;
  /// Flow-SDE per-step standard deviation s_k = sigma_k * sqrt(delta).
  std::vector<double> std;
  /// Flow-SDE mean coefficient of x_k.
  std::vector<double> coefX;
  /// Flow-SDE mean coefficient of v_k.
  std::vector<double> coefV;

  /// Builds the schedule for N steps and noise level a (N >= 1).
  static DenoiseSchedule make(int steps, double noiseLevel);
};

}  // namespace pirl::policy

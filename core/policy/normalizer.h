#pragma once

#include <vector>

namespace pirl::policy {

/// Per-dimension affine normalisation of observations and actions with statistics of the
/// demonstrations (ALGORITHMS.md §1); stored in every checkpoint.
struct Normalizer {
  /// Observation means.
  std::vector<float> obsMean;
  /// Observation standard deviations (at least kMinStd).
  std::vector<float> obsStd;
  /// Action means.
  std::vector<float> actionMean;
  /// Action standard deviations (at least kMinStd).
  std::vector<float> actionStd;

  /// Lower bound on a standard deviation, so constant dimensions stay finite.
  static constexpr float kMinStd = 1e-2f;

  /// Statistics of `rows` x `dim` row-major values.
  static void fit(const std::vector<float>& values, int dim, std::vector<float>& mean,
                  std::vector<float>& std);
};

}  // namespace pirl::policy

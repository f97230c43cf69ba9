#include "core/policy/normalizer.h"

#include <algorithm>
#include <cmath>

namespace pirl::policy {

void Normalizer::fit(const std::vector<float>& values, int dim, std::vector<float>& mean,
                     std::vector<float>& std) {
  const std::size_t rows = dim > 0 ? values.size() / dim : 0;
  std::vector<double> sum(dim, 0.0), sumSq(dim, 0.0);
  for (std::size_t r = 0; r < rows; ++r) {
    for (int d = 0; d < dim; ++d) {
      const double v = values[r * dim + d];
      sum[d] += v;
      sumSq[d] += v * v;
    }
  }
  mean.assign(dim, 0.0f);
  std.assign(dim, 1.0f);
  for (int d = 0; d < dim && rows > 0; ++d) {
    const double m = sum[d] / rows;
    const double var = std::max(sumSq[d] / rows - m * m, 0.0);
    mean[d] = static_cast<float>(m);
    std[d] = std::max(static_cast<float>(std::sqrt(var)), kMinStd);
  }
}

}  // namespace pirl::policy

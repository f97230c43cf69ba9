#include "core/policy/schedule.h"

#include <algorithm>
#include <cmath>

namespace pirl::policy {

DenoiseSchedule DenoiseSchedule::make(int steps, double noiseLevel) {
  DenoiseSchedule s;
  s.steps = std::max(steps, 1);
  s.noiseLevel = noiseLevel;
  const int n = s.steps;
  s.delta = 1.0 / n;
  for (int k = 0; k <= n; ++k) s.t.push_back(1.0 - static_cast<double>(k) / n);
  for (int k = 0; k < n; ++k) {
    const double tk = s.t[k];
    const double tn = s.t[k + 1];
    // sigma_t = a sqrt(t / (1 - t)); at t_0 = 1 the denominator uses t_1 instead
    const double denom = k == 0 ? 1.0 - s.t[1] : 1.0 - tk;
    const double sigma = noiseLevel * std::sqrt(tk / denom);
    const double drift = sigma * sigma * s.delta / (2.0 * tk);
    s.sigma.push_back(sigma);
    s.std.push_back(sigma * std::sqrt(s.delta));
    // mean = (1 - t_{k+1}) x0hat + (t_{k+1} - drift) x1hat with x0hat = x - t v,
    // x1hat = x + (1 - t) v
    s.coefX.push_back((1.0 - tn) + (tn - drift));
    s.coefV.push_back(-(1.0 - tn) * tk + (tn - drift) * (1.0 - tk));
  }
  return s;
}

}  // namespace pirl::policy

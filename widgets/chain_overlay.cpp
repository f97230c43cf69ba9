#include "widgets/chain_overlay.h"

#include <algorithm>
#include <cmath>

#include "core/rl/trainer.h"

namespace pirl::widgets {

std::array<float, 4> chainColour(double t, float alpha) {
  t = std::clamp(t, 0.0, 1.0);
  const float a = static_cast<float>(t);
  // action end: warm red; noise end: blue; through violet
  return {0.90f * (1 - a) + 0.15f * a, 0.20f * (1 - a) + 0.35f * a, 0.15f * (1 - a) + 0.95f * a,
          alpha};
}

std::vector<render::Polyline> chainOverlay(const rl::DenoisingChains& c, bool tubes) {
  std::vector<render::Polyline> out;
  const auto paths = rl::chainPaths(c);
  for (int s = 0; s < c.samples; ++s) {
    for (int k = 0; k <= c.steps; ++k) {
      render::Polyline line;
      line.points = paths[s][k];
      const double t = 1.0 - static_cast<double>(k) / std::max(1, c.steps);
      // the last step (the action) stands out; intermediate ones are thinner context
      const float base = k == c.steps ? 1.0f : 0.55f;
      for (size_t h = 0; h < line.points.size(); ++h) {
        // point h ends action h - 1: executed while h <= K
        const bool executed = h <= static_cast<size_t>(c.executed);
        line.colours.push_back(chainColour(t, executed ? base : 0.22f));
      }
      line.width = k == c.steps ? 3.0f : 1.5f;
      if (tubes && k > 0 && !c.stepStd.empty()) {
        // positional std of the transition into x_k at each action of the chunk
        std::vector<double> radius = {0.0};
        bool stochastic = false;
        for (int h = 0; h < c.chunk; ++h) {
          const float* sd =
              c.stepStd.data() +
              ((static_cast<size_t>(s) * c.steps + (k - 1)) * c.chunk + h) * c.actionDim;
          const double r =
              c.maxDeltaPos * std::sqrt((sd[0] * sd[0] + sd[1] * sd[1] + sd[2] * sd[2]) / 3.0);
          stochastic = stochastic || r > 0.0;
          radius.push_back(r);
        }
        radius[0] = radius.size() > 1 ? radius[1] * 0.5 : 0.0;
        if (stochastic) line.tubeRadius = radius;
      }
      out.push_back(std::move(line));
    }
  }
  return out;
}

rl::DenoisingChains snapshotChains(const rl::TrainerSnapshot& snap) {
  rl::DenoisingChains c;
  c.method = "rollout";
  c.samples = snap.chain.empty() ? 0 : 1;
  c.steps = snap.steps;
  c.chunk = snap.chunk;
  c.executed = snap.executed;
  c.actionDim = snap.actionDim;
  c.chains = snap.chain;
  c.eePos = snap.eePos;
  c.eeYaw = snap.eeYaw;
  c.maxDeltaPos = snap.maxDeltaPos;
  return c;
}

}  // namespace pirl::widgets

#pragma once

#include <array>
#include <vector>

#include "core/render/scene_renderer.h"
#include "core/rl/inspect.h"

namespace pirl::rl {
struct TrainerSnapshot;
}

namespace pirl::widgets {

/// Colour of denoising time t (1: noise, blue; 0: action, red).
std::array<float, 4> chainColour(double t, float alpha);

/// One polyline per sample and denoising step (N + 1 per sample): the end-effector path each
/// intermediate x_k implies, coloured by t_k; the executed part of the chunk opaque, the
/// discarded tail faint. With `tubes`, a step reached through a stochastic transition is drawn
/// as a tube whose radius is that transition's positional std (in metres).
std::vector<render::Polyline> chainOverlay(const rl::DenoisingChains& chains, bool tubes);

/// The denoising chain of a trainer snapshot (environment 0's last decision) as chains.
rl::DenoisingChains snapshotChains(const rl::TrainerSnapshot& snapshot);

}  // namespace pirl::widgets

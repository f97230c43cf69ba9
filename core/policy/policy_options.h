#pragma once

#include <array>
#include <string>

namespace pirl::policy {

/// Architecture and sampling options of the flow policy (stored with every run).
struct PolicyOptions {
  /// Action expert: "mlp" (default) or "transformer" over chunk tokens.
  std::string expert = "mlp";
  /// Hidden width of the encoder, the action expert and the heads.
  int width = 256;
  /// Hidden layers of the MLP action expert.
  int depth = 3;
  /// Transformer layers (expert = transformer).
  int layers = 2;
  /// Attention heads (expert = transformer).
  int heads = 4;
  /// Instruction token embedding size.
  int tokenDim = 32;
  /// Instruction length in tokens (longer instructions are cut).
  int maxTokens = 12;
  /// Sinusoidal time-embedding size.
  int timeDim = 64;
  /// Actions generated per chunk (H).
  int chunk = 8;
  /// Actions executed per chunk (K <= H).
  int actionChunk = 5;
  /// Denoising steps N during sampling.
  int denoiseSteps = 4;
  /// Value head placement: "after_encoder" or "after_expert".
  std::string critic = "after_encoder";
  /// Flow-Noise std bounds [sigma_min, sigma_max].
  std::array<double, 2> noiseStdRange = {0.08, 0.16};
  /// Flow-Noise: the first denoising step's std (x_0 -> x_1) is the noise head's times this
  /// factor; 1 keeps every step in noise_std_range (ALGORITHMS.md).
  double noiseFirstScale = 1.0;
  /// Flow-SDE noise level a.
  double noiseLevel = 0.5;
  /// Flow-SDE hybrid: never make the last denoising step the stochastic one.
  bool ignoreLast = true;
};

}  // namespace pirl::policy

#pragma once

#include <cstdint>

namespace pirl {

/// Mixes a 64-bit value (SplitMix64 finaliser); used to derive independent seeds.
constexpr std::uint64_t mixSeed(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// Derives a seed for stream `index` of a base seed, so that streams never overlap in practice.
constexpr std::uint64_t deriveSeed(std::uint64_t base, std::uint64_t index) {
  return mixSeed(mixSeed(base) ^ mixSeed(index + 0x51ed270b27a1f3c9ULL));
}

/// A small, fast, portable PRNG (xoshiro256**) whose output is identical on every platform,
/// unlike std:: distributions; all simulation randomness goes through it.
class Rng {
 public:
  /// Seeds the generator deterministically from one 64-bit seed.
  explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

  /// Restarts the stream from `seed`.
  void reseed(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& s : m_s) {
      x += 0x9e3779b97f4a7c15ULL;
      s = mixSeed(x);
    }
  }

  /// Next raw 64-bit value.
  std::uint64_t next() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
  }

  /// Uniform double in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform double in [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n).
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  /// Standard normal sample (Box-Muller, portable).
  double normal();

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t m_s[4] = {};
};

}  // namespace pirl

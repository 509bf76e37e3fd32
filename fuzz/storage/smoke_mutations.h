// Mutations the storage fuzz smoke runs apply to valid inputs: a flipped bit, a
// truncation, bytes overwritten with noise (from `from` on, each with chance `per256`/256).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace skiff::fuzz {

inline void flip_bit(std::vector<uint8_t>& v, std::mt19937& rng) {
  if (v.empty()) return;
  std::uniform_int_distribution<std::size_t> pos(0, v.size() - 1);
  v[pos(rng)] ^= static_cast<uint8_t>(1u << (rng() % 8));
}

inline void truncate(std::vector<uint8_t>& v, std::mt19937& rng) {
  if (v.empty()) return;
  std::uniform_int_distribution<std::size_t> pos(0, v.size() - 1);
  v.resize(pos(rng));
}

inline void add_noise(std::vector<uint8_t>& v, std::mt19937& rng, std::size_t from, int per256) {
  std::uniform_int_distribution<int> byte(0, 255);
  for (std::size_t i = from; i < v.size(); ++i) {
    if (byte(rng) < per256) v[i] = static_cast<uint8_t>(byte(rng));
  }
}

}  // namespace skiff::fuzz

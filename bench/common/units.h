// Byte units and rates as the benchmark prints them (binary: KiB, MiB).
#pragma once

#include <cstdint>

namespace skiff::bench {

inline constexpr uint64_t kKiB = 1024;
inline constexpr uint64_t kMiB = 1024 * kKiB;

inline double mib_per_s(uint64_t bytes, double seconds) {
  return seconds > 0 ? static_cast<double>(bytes) / static_cast<double>(kMiB) / seconds : 0.0;
}

}  // namespace skiff::bench

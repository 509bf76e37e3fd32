// Monotonic time for the benchmark: a steady clock, nanosecond stamps that fit a
// pointer-sized opaque, and elapsed seconds.
#pragma once

#include <chrono>
#include <cstdint>

namespace skiff::bench {

using Clock = std::chrono::steady_clock;

inline int64_t to_ns(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

inline int64_t now_ns() { return to_ns(Clock::now()); }

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

inline std::chrono::nanoseconds seconds(double s) {
  return std::chrono::nanoseconds(static_cast<int64_t>(s * 1e9));
}

}  // namespace skiff::bench

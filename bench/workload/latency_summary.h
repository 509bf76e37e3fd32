// Percentiles of a set of latencies (p50, p99, p99.9, max), in milliseconds.
#pragma once

#include <cstdint>
#include <vector>

namespace skiff::bench {

struct LatencySummary {
  uint64_t count = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double p999_ms = 0;
  double max_ms = 0;
};

// Sorts `latencies_ns` in place.
LatencySummary summarize_latencies(std::vector<int64_t>& latencies_ns);

}  // namespace skiff::bench

// summarize_latencies: nearest-rank percentiles over the sorted samples.
#include "workload/latency_summary.h"

#include <algorithm>
#include <cmath>

namespace skiff::bench {
namespace {

double rank_ms(const std::vector<int64_t>& sorted, double quantile) {
  size_t rank = static_cast<size_t>(std::ceil(quantile * static_cast<double>(sorted.size())));
  size_t index = std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1);
  return static_cast<double>(sorted[index]) / 1e6;
}

}  // namespace

LatencySummary summarize_latencies(std::vector<int64_t>& latencies_ns) {
  LatencySummary out;
  out.count = latencies_ns.size();
  if (latencies_ns.empty()) return out;
  std::sort(latencies_ns.begin(), latencies_ns.end());
  out.p50_ms = rank_ms(latencies_ns, 0.50);
  out.p99_ms = rank_ms(latencies_ns, 0.99);
  out.p999_ms = rank_ms(latencies_ns, 0.999);
  out.max_ms = static_cast<double>(latencies_ns.back()) / 1e6;
  return out;
}

}  // namespace skiff::bench

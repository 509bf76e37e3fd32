// ProcessMetrics: the standard Prometheus process metrics (process_cpu_seconds_total,
// process_resident_memory_bytes, process_virtual_memory_bytes, process_open_fds,
// process_max_fds, process_start_time_seconds) read from /proc/self at scrape
// time, and the network threads' idle ratio
// (kafka_network_socketserver_networkprocessoravgidle_percent) from the CPU time
// of the threads named "skiff-net".
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "skiff/sdk/metrics.h"

namespace skiff::kernel::metrics {

class ProcessMetrics {
 public:
  explicit ProcessMetrics(sdk::MetricsRegistry& registry);
  ~ProcessMetrics();

 private:
  double network_idle();

  std::vector<std::unique_ptr<sdk::MetricsRegistration>> registrations_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_sample_;
  double last_cpu_seconds_ = -1;
  double last_idle_ = 1;
};

}  // namespace skiff::kernel::metrics

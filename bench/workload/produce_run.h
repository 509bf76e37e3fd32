// One producer (one librdkafka client, so one broker connection) writing fixed-size
// records round-robin over some partitions for a while, as fast as it can or at a
// given rate. Every delivery report's latency (produce() to the callback) is kept.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "workload/producer_settings.h"

namespace skiff::bench {

struct ProduceJob {
  std::string bootstrap;
  std::string topic;
  std::vector<int32_t> partitions;
  size_t record_bytes = 1024;
  double seconds = 10;                       // measured, after the warm-up
  double warmup_seconds = 0;                 // same workload before, not measured
  double records_per_s = 0;                  // 0: as fast as possible
  const std::atomic<bool>* stop = nullptr;   // optional early stop
  ProducerSettings settings;
};

struct ProduceResult {
  uint64_t records = 0;  // delivered
  uint64_t bytes = 0;    // delivered payload bytes
  uint64_t failed = 0;
  std::string first_error;
  double seconds = 0;    // first measured produce() to last delivery report
  std::vector<int64_t> latencies_ns;
  double avg_batch_bytes = 0;  // librdkafka's statistics, last window

  double mib_per_s() const;
  double records_per_s() const;
};

ProduceResult run_producer(const ProduceJob& job);

}  // namespace skiff::bench

// Stage 3: produce latency (produce() to the delivery report) of a rate-limited
// producer at half the measured maximum rate: p50, p99, p99.9.
#pragma once

#include <cstdint>
#include <string>

#include "broker/broker_process.h"
#include "scenarios/bench_context.h"

namespace skiff::bench {

// Produces to the existing `topic` (one partition per core) at half of
// `max_records_per_s` (the mode's measured maximum), or at --latency-rate if given.
// `metrics_port`: the broker's Prometheus endpoint, scraped afterwards for its own
// produce request times (0: none).
void measure_produce_latency(BenchContext& ctx, BrokerProcess& broker, const std::string& topic,
                             const std::string& mode, double max_records_per_s,
                             uint16_t metrics_port);

}  // namespace skiff::bench

// Stage 3: produce latency (produce() to the delivery report) of a rate-limited
// producer at half the measured maximum rate: p50, p99, p99.9.
#pragma once

#include <string>

#include "broker/broker_process.h"
#include "scenarios/bench_context.h"

namespace skiff::bench {

// Produces to the existing `topic` (one partition per core) at `records_per_s`;
// `half_of_max`: that rate is half the mode's measured maximum (else --latency-rate).
void measure_produce_latency(BenchContext& ctx, BrokerProcess& broker, const std::string& topic,
                             const std::string& mode, double records_per_s, bool half_of_max);

}  // namespace skiff::bench

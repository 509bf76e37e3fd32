// Stage 3: produce latency (produce() to the delivery report) of a rate-limited
// producer at half the measured maximum rate: p50, p99, p99.9.
#pragma once

#include <string>

#include "broker/broker_process.h"
#include "scenarios/bench_context.h"

namespace skiff::bench {

// Produces to the existing `topic` (one partition per core) at half of
// `max_records_per_s` (the mode's measured maximum), or at --latency-rate if given.
void measure_produce_latency(BenchContext& ctx, BrokerProcess& broker, const std::string& topic,
                             const std::string& mode, double max_records_per_s);

}  // namespace skiff::bench

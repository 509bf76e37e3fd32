// Stage 4: consume throughput: everything produced to a topic, read from the
// beginning by one consumer with explicit assignment, as a ratio of the loopback
// and of the cold disk-read limits.
#pragma once

#include <string>

#include "broker/broker_process.h"
#include "scenarios/bench_context.h"
#include "scenarios/machine_limits.h"

namespace skiff::bench {

void measure_consume_throughput(BenchContext& ctx, BrokerProcess& broker, const std::string& topic,
                                const MachineLimits& limits);

}  // namespace skiff::bench

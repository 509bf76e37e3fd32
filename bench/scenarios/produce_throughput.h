// Stage 2: produce throughput, acks=all, 1 KiB records, one partition per core, at
// the producer's full speed, as a ratio of the matching disk limit: "write a batch +
// fsync" when the broker fsyncs every append (log.flush.on.append=true), streaming
// writes when it does not.
#pragma once

#include <string>

#include "broker/broker_process.h"
#include "scenarios/bench_context.h"
#include "scenarios/machine_limits.h"
#include "workload/produce_run.h"

namespace skiff::bench {

// Creates `topic` on `broker` and fills it for ~10 s. `mode` names the broker's
// settings in the figures.
ProduceResult measure_produce_throughput(BenchContext& ctx, BrokerProcess& broker,
                                         const std::string& topic, bool flush_on_append,
                                         const std::string& mode, const MachineLimits& limits);

}  // namespace skiff::bench

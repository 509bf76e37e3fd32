// Stage 3: produce latency (produce() to the delivery report) of a rate-limited
// producer at half the measured maximum rate: p50, p99, p99.9 of the run with the
// median p99 out of --latency-rounds runs, each on a fresh broker.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "broker/broker_process.h"
#include "scenarios/bench_context.h"

namespace skiff::bench {

// Starts the broker of latency run `run` (0, 1, ...) in the mode under test, with
// the extra `exporter` properties (its Prometheus endpoint).
using LatencyBrokerStarter = std::function<std::shared_ptr<BrokerProcess>(
    int run, const std::map<std::string, std::string>& exporter)>;

// Each run: a fresh broker, `topic` created (one partition per core), produced to at
// half of `max_records_per_s` (the mode's measured maximum) or at --latency-rate,
// the broker's own produce request times scraped from its exporter, the broker
// stopped and its data wiped.
void measure_produce_latency(BenchContext& ctx, const LatencyBrokerStarter& start_broker,
                             const std::string& topic, const std::string& mode,
                             double max_records_per_s);

}  // namespace skiff::bench

// The broker's own view of produce latency: the quantiles of
// kafka_network_requestmetrics_totaltimems{request="Produce"} (request read to
// response written, over about the last five minutes), scraped from its Prometheus
// endpoint. Beside the client's figure it tells broker time from the time spent in
// the client, the kernel's network path and the scheduler.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "workload/latency_summary.h"

namespace skiff::bench {

// The value of the sample `series` (name{labels} exactly as exported) in a
// Prometheus text body, or nullopt.
std::optional<double> sample_value(const std::string& body, const std::string& series);

// Scrapes 127.0.0.1:`port`/metrics once: count, p50, p99 and p99.9 (a summary
// has no max: max_ms stays 0). nullopt (with `problem` set) when the endpoint or
// the produce quantiles are missing.
std::optional<LatencySummary> scrape_produce_times(uint16_t port, std::string& problem);

}  // namespace skiff::bench

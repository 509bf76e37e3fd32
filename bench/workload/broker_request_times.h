// The broker's own view of produce latency: the quantiles of
// kafka_network_requestmetrics_totaltimems{request="Produce"} (request read to
// response written, over about the last five minutes), scraped from its Prometheus
// endpoint. Beside the client's figure it tells broker time from the time spent in
// the client, the kernel's network path and the scheduler.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace skiff::bench {

struct BrokerRequestTimes {
  double p50_ms = 0;
  double p99_ms = 0;
  double p999_ms = 0;
};

// The value of the sample `series` (name{labels} exactly as exported) in a
// Prometheus text body, or nullopt.
std::optional<double> sample_value(const std::string& body, const std::string& series);

// Scrapes 127.0.0.1:`port`/metrics once; nullopt (with `problem` set) when the
// endpoint or the produce quantiles are missing.
std::optional<BrokerRequestTimes> scrape_produce_times(uint16_t port, std::string& problem);

}  // namespace skiff::bench

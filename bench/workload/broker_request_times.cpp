#include "workload/broker_request_times.h"

#include <cstdlib>

#include "common/bench_error.h"
#include "common/http_get.h"

namespace skiff::bench {
namespace {

constexpr double kScrapeTimeoutS = 5;

constexpr const char* kProduceTime = "kafka_network_requestmetrics_totaltimems";

std::string produce_quantile(const char* quantile) {
  return std::string(kProduceTime) + "{request=\"Produce\",quantile=\"" + quantile + "\"}";
}

}  // namespace

std::optional<double> sample_value(const std::string& body, const std::string& series) {
  const std::string prefix = series + " ";
  for (std::size_t at = body.find(prefix); at != std::string::npos;
       at = body.find(prefix, at + 1)) {
    if (at != 0 && body[at - 1] != '\n') continue;  // only at the start of a line
    const char* value = body.c_str() + at + prefix.size();
    char* end = nullptr;
    const double parsed = std::strtod(value, &end);
    if (end != value) return parsed;
  }
  return std::nullopt;
}

std::optional<LatencySummary> scrape_produce_times(uint16_t port, std::string& problem) {
  HttpResponse response;
  try {
    response = http_get_loopback(port, "/metrics", kScrapeTimeoutS);
  } catch (const BenchError& e) {
    problem = e.what();
    return std::nullopt;
  }
  if (response.status != 200) {
    problem = "/metrics answered " + std::to_string(response.status);
    return std::nullopt;
  }
  auto p50 = sample_value(response.body, produce_quantile("0.50"));
  auto p99 = sample_value(response.body, produce_quantile("0.99"));
  auto p999 = sample_value(response.body, produce_quantile("0.999"));
  auto count = sample_value(response.body, std::string(kProduceTime) + "_count{request=\"Produce\"}");
  if (!p50 || !p99 || !p999 || !count) {
    problem = std::string("no Produce quantiles of ") + kProduceTime + " in /metrics";
    return std::nullopt;
  }
  LatencySummary times;
  times.count = static_cast<uint64_t>(*count);
  times.p50_ms = *p50;
  times.p99_ms = *p99;
  times.p999_ms = *p999;
  return times;
}

}  // namespace skiff::bench

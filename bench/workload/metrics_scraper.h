// MetricsScraper: a thread that GETs the broker's /metrics at a fixed interval while
// a workload runs, as Prometheus would, and checks every reply (200, and a body
// naming `expected_metric`). Counts, timings and the first problem are kept.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace skiff::bench {

struct ScrapeSummary {
  uint64_t scrapes = 0;
  uint64_t failed = 0;  // not 200, metric missing, or no reply
  std::string first_error;
  double avg_ms = 0;
  double max_ms = 0;
  uint64_t last_body_bytes = 0;
};

class MetricsScraper {
 public:
  // Starts scraping 127.0.0.1:`port`/metrics at once, then every `interval_s`.
  MetricsScraper(uint16_t port, std::string expected_metric, double interval_s);
  MetricsScraper(const MetricsScraper&) = delete;
  MetricsScraper& operator=(const MetricsScraper&) = delete;
  ~MetricsScraper();

  // Stops the thread (an ongoing scrape finishes) and returns the figures.
  ScrapeSummary stop();

 private:
  void run();
  void scrape_once();

  uint16_t port_;
  std::string expected_metric_;
  double interval_s_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  ScrapeSummary summary_;  // written by the thread, read after join
  double total_ms_ = 0;
  std::thread thread_;
};

// Broker properties turning the Prometheus exporter on, on 127.0.0.1:`port`.
std::map<std::string, std::string> exporter_properties(uint16_t port);

// GETs /metrics until it answers 200 or `timeout_s` passes (BenchError then): the
// endpoint may bind a little after the Kafka listener.
void wait_metrics_ready(uint16_t port, double timeout_s = 10);

}  // namespace skiff::bench

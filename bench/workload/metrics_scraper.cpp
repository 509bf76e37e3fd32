// MetricsScraper: the scrape loop on its own thread, timed and checked.
#include "workload/metrics_scraper.h"

#include <algorithm>

#include "common/bench_error.h"
#include "common/clock.h"
#include "common/http_get.h"

namespace skiff::bench {
namespace {

constexpr double kScrapeTimeoutS = 10;  // Prometheus' default scrape_timeout

}  // namespace

MetricsScraper::MetricsScraper(uint16_t port, std::string expected_metric, double interval_s)
    : port_(port), expected_metric_(std::move(expected_metric)), interval_s_(interval_s) {
  thread_ = std::thread([this] { run(); });
}

MetricsScraper::~MetricsScraper() { stop(); }

ScrapeSummary MetricsScraper::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  return summary_;
}

void MetricsScraper::run() {
  auto next = Clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    scrape_once();
    lock.lock();
    next += std::chrono::duration_cast<Clock::duration>(seconds(interval_s_));
    wake_.wait_until(lock, next, [this] { return stopping_; });
  }
}

void MetricsScraper::scrape_once() {
  const Clock::time_point start = Clock::now();
  std::string problem;
  try {
    HttpResponse reply = http_get_loopback(port_, "/metrics", kScrapeTimeoutS);
    summary_.last_body_bytes = reply.body.size();
    if (reply.status != 200) {
      problem = "GET /metrics answered " + std::to_string(reply.status);
    } else if (reply.body.find(expected_metric_) == std::string::npos) {
      problem = "GET /metrics has no " + expected_metric_;
    }
  } catch (const BenchError& e) {
    problem = e.what();
  }
  const double ms = seconds_since(start) * 1e3;
  ++summary_.scrapes;
  total_ms_ += ms;
  summary_.avg_ms = total_ms_ / static_cast<double>(summary_.scrapes);
  summary_.max_ms = std::max(summary_.max_ms, ms);
  if (!problem.empty()) {
    ++summary_.failed;
    if (summary_.first_error.empty()) summary_.first_error = problem;
  }
}

std::map<std::string, std::string> exporter_properties(uint16_t port) {
  return {{"metrics.prometheus.enable", "true"},
          {"metrics.prometheus.listen", "127.0.0.1:" + std::to_string(port)}};
}

void wait_metrics_ready(uint16_t port, double timeout_s) {
  const Clock::time_point start = Clock::now();
  std::string last = "no reply";
  while (seconds_since(start) < timeout_s) {
    try {
      HttpResponse reply = http_get_loopback(port, "/metrics", timeout_s);
      if (reply.status == 200) return;
      last = "status " + std::to_string(reply.status);
    } catch (const BenchError& e) {
      last = e.what();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw BenchError("metrics endpoint on port " + std::to_string(port) + " not ready within " +
                   std::to_string(timeout_s) + " s: " + last);
}

}  // namespace skiff::bench

// RequestMetrics: Kafka's kafka.network:type=RequestMetrics per API, with the names
// the Prometheus JMX exporter gives them — requests_total{request,version} and the
// totaltimems, requestqueuetimems, localtimems, remotetimems and responsesendtimems
// histograms{request} — plus the request handler threads' idle ratio
// (kafka_server_kafkarequesthandlerpool_requesthandleravgidle_percent). Handles
// are created up front for every implemented API, so recording is lock-free.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kernel/protocol/api_key_map.h"
#include "skiff/sdk/metrics.h"

namespace skiff::kernel::metrics {

struct ApiVersionRange {
  int16_t api_key = 0;
  int16_t min_version = 0;
  int16_t max_version = 0;
  std::string name;  // empty: Kafka's name for the api key
};

// Where one request's time went, in Kafka's terms (all in milliseconds).
struct RequestTimes {
  double queue_ms = 0;   // waiting for a request handler thread
  double local_ms = 0;   // the handler working on it
  double remote_ms = 0;  // parked (long-poll fetch) until the response was ready
  double send_ms = 0;    // the response being written to the socket
};

class RequestMetrics {
 public:
  RequestMetrics(sdk::MetricsRegistry& registry, const std::vector<ApiVersionRange>& apis,
                 int io_threads);
  ~RequestMetrics();

  // A request arrived (counted under its API and version).
  void received(int16_t api_key, int16_t api_version);
  // A request completed; `consumer_fetch` marks a Fetch from a consumer (Kafka
  // records those also as request="FetchConsumer").
  void completed(int16_t api_key, bool consumer_fetch, const RequestTimes& times);
  // Time a handler thread spent busy, for the idle ratio.
  void handler_busy(std::chrono::nanoseconds busy) {
    busy_ns_->add(static_cast<uint64_t>(busy.count()));
  }

 private:
  struct Timers {
    std::shared_ptr<sdk::Histogram> total, queue, local, remote, send;
  };
  struct Api {
    int16_t min_version = 0;
    std::vector<std::shared_ptr<sdk::Counter>> requests;  // by version - min_version
    Timers timers;
  };
  static void record(const Timers& t, const RequestTimes& times);
  const Api* find(int16_t api_key) const;

  // Kafka's api keys index an array; plugins' other keys are few, sorted by key.
  protocol::ApiKeyMap<std::unique_ptr<Api>> apis_;
  Timers consumer_fetch_;
  std::shared_ptr<sdk::Counter> busy_ns_;
  std::unique_ptr<sdk::MetricsRegistration> idle_;
  std::unique_ptr<sdk::MetricsRegistration> busy_export_;
};

}  // namespace skiff::kernel::metrics

#include "kernel/metrics/request_metrics.h"

#include <algorithm>
#include <string>

#include "kernel/protocol/generated/api_table.h"

namespace skiff::kernel::metrics {

namespace {

using sdk::MetricType;

const sdk::MetricInfo kRequests{"kafka_network_requestmetrics_requests_total",
                                "Requests received, by API name and version.", MetricType::kCounter};
const sdk::MetricInfo kTotalTime{"kafka_network_requestmetrics_totaltimems",
                                 "Time from a request's arrival at a handler queue to its "
                                 "response being written, in ms.",
                                 MetricType::kSummary};
const sdk::MetricInfo kQueueTime{"kafka_network_requestmetrics_requestqueuetimems",
                                 "Time a request waited for a request handler thread, in ms.",
                                 MetricType::kSummary};
const sdk::MetricInfo kLocalTime{"kafka_network_requestmetrics_localtimems",
                                 "Time a request handler worked on a request, in ms.",
                                 MetricType::kSummary};
const sdk::MetricInfo kRemoteTime{"kafka_network_requestmetrics_remotetimems",
                                  "Time a request waited for other events (long-poll fetch), "
                                  "in ms.",
                                  MetricType::kSummary};
const sdk::MetricInfo kSendTime{"kafka_network_requestmetrics_responsesendtimems",
                                "Time the response took to be written to the socket, in ms.",
                                MetricType::kSummary};
const sdk::MetricInfo kBusy{"skiff_request_handler_busy_seconds_total",
                            "Time request handler threads spent handling requests, in seconds.",
                            MetricType::kCounter};
const sdk::MetricInfo kIdle{"kafka_server_kafkarequesthandlerpool_requesthandleravgidle_percent",
                            "Average fraction of time the request handler threads were idle "
                            "since start (0 to 1).",
                            MetricType::kGauge};

}  // namespace

RequestMetrics::RequestMetrics(sdk::MetricsRegistry& registry,
                               const std::vector<ApiVersionRange>& apis, int io_threads) {
  auto timers = [&registry](const std::string& name) {
    sdk::MetricLabels labels{{"request", name}};
    return Timers{registry.histogram(kTotalTime, labels), registry.histogram(kQueueTime, labels),
                  registry.histogram(kLocalTime, labels), registry.histogram(kRemoteTime, labels),
                  registry.histogram(kSendTime, labels)};
  };
  for (const auto& range : apis) {
    const protocol::ApiInfo* info = protocol::find_api(range.api_key);
    const std::string name = !range.name.empty() ? range.name : info ? info->name : "";
    if (name.empty() || range.api_key < 0) continue;
    auto api = std::make_unique<Api>();
    api->min_version = range.min_version;
    for (int16_t v = range.min_version; v <= range.max_version; ++v) {
      api->requests.push_back(
          registry.counter(kRequests, {{"request", name}, {"version", std::to_string(v)}}));
    }
    api->timers = timers(name);
    apis_[range.api_key] = std::move(api);
  }
  consumer_fetch_ = timers("FetchConsumer");
  // The busy time is exported in ns-precision seconds by a callback below.
  busy_ns_ = std::make_shared<sdk::Counter>();
  const auto start = std::chrono::steady_clock::now();
  const int threads = std::max(1, io_threads);
  idle_ = registry.callback(kIdle, [busy = busy_ns_, start, threads](sdk::MetricPoints& out) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double busy_s = static_cast<double>(busy->value()) / 1e9;
    double idle = elapsed > 0 ? 1.0 - busy_s / (elapsed * threads) : 1.0;
    out.add({}, std::clamp(idle, 0.0, 1.0));
  });
  busy_export_ = registry.callback(kBusy, [busy = busy_ns_](sdk::MetricPoints& out) {
    out.add({}, static_cast<double>(busy->value()) / 1e9);
  });
}

RequestMetrics::~RequestMetrics() = default;

const RequestMetrics::Api* RequestMetrics::find(int16_t api_key) const {
  const auto* api = apis_.find(api_key);
  return api != nullptr ? api->get() : nullptr;
}

void RequestMetrics::received(int16_t api_key, int16_t api_version) {
  const Api* api = find(api_key);
  if (api == nullptr) return;
  size_t index = static_cast<size_t>(api_version - api->min_version);
  if (api_version < api->min_version || index >= api->requests.size()) return;
  api->requests[index]->add();
}

void RequestMetrics::record(const Timers& t, const RequestTimes& times) {
  t.queue->observe(times.queue_ms);
  t.local->observe(times.local_ms);
  t.remote->observe(times.remote_ms);
  t.send->observe(times.send_ms);
  t.total->observe(times.queue_ms + times.local_ms + times.remote_ms + times.send_ms);
}

void RequestMetrics::completed(int16_t api_key, bool consumer_fetch, const RequestTimes& times) {
  const Api* api = find(api_key);
  if (api == nullptr) return;
  record(api->timers, times);
  if (consumer_fetch) record(consumer_fetch_, times);
}

}  // namespace skiff::kernel::metrics

// KernelMetrics: every metric the kernel itself exports, built in one place once the
// broker's parts exist — request metrics, per-topic metrics, the gauges computed
// from metadata, logs and groups, process metrics, loaded plugins and connections.
// Destroy it before the parts it reads (controller, storage, partitions, groups).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kernel/metrics/broker_gauges.h"
#include "kernel/metrics/process_metrics.h"
#include "kernel/metrics/request_metrics.h"
#include "kernel/metrics/topic_metrics.h"
#include "skiff/sdk/metrics.h"

namespace skiff::kernel::metrics {

struct LoadedPlugin {
  std::string name;
  std::string version;
};

struct KernelMetricSources {
  BrokerGaugeSources gauges;
  std::vector<ApiVersionRange> apis;  // implemented APIs and versions
  int io_threads = 1;
  std::vector<LoadedPlugin> plugins;
  // Long-polling fetches parked in the fetch purgatory.
  std::function<size_t()> parked_fetches;
};

// Listens to the controller so a deleted topic's series go with it.
class KernelMetrics final : private sdk::MetadataListener {
 public:
  KernelMetrics(sdk::MetricsRegistry& registry, KernelMetricSources sources);
  ~KernelMetrics() override;

  RequestMetrics& requests() { return requests_; }
  BrokerTopicMetrics& topics() { return topics_; }
  // Exports open client connections by listener, once the listeners exist.
  void watch_connections(sdk::MetricsRegistry& registry,
                         std::function<std::map<std::string, size_t>()> by_listener);

 private:
  void on_topic_changed(const sdk::TopicInfo&) override {}
  void on_topic_deleted(const sdk::TopicInfo& topic) override { topics_.remove_topic(topic.name); }

  sdk::Controller& controller_;
  RequestMetrics requests_;
  BrokerTopicMetrics topics_;
  BrokerGauges gauges_;
  ProcessMetrics process_;
  std::vector<std::unique_ptr<sdk::MetricsRegistration>> registrations_;
  std::shared_ptr<sdk::Histogram> log_flush_;
};

// Kafka's kafka.log:type=LogFlushStats,name=LogFlushRateAndTimeMs: ms per log flush.
// The kernel declares it so it is always exported; the storage engine observes
// into it by asking the registry for the same name.
inline const sdk::MetricInfo kLogFlushTime{
    "kafka_log_logflushstats_logflushrateandtimems",
    "Time per log flush (fsync) by the storage engine, in ms.", sdk::MetricType::kSummary};

}  // namespace skiff::kernel::metrics

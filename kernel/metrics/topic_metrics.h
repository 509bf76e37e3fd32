// BrokerTopicMetrics: Kafka's kafka.server:type=BrokerTopicMetrics per topic and for
// all topics, with the JMX exporter's names (kafka_server_brokertopicmetrics_
// messagesin_total{topic}, bytesin, bytesout, totalproducerequests,
// totalfetchrequests, failedproducerequests, failedfetchrequests; the series
// without a topic label is the broker total). Each thread caches its topics'
// handles, so the produce and fetch paths take no lock once a topic was seen.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "skiff/sdk/error_code.h"
#include "skiff/sdk/metrics.h"

namespace skiff::kernel::metrics {

// The counters of one topic (or of all topics).
struct TopicCounters {
  std::shared_ptr<sdk::Counter> messages_in, bytes_in, bytes_out, produce_requests,
      fetch_requests, failed_produce_requests, failed_fetch_requests;
};

class BrokerTopicMetrics {
 public:
  explicit BrokerTopicMetrics(sdk::MetricsRegistry& registry);
  ~BrokerTopicMetrics();

  // A partition append (Kafka counts every partition of a produce request), with
  // its outcome and, when it succeeded, the records and bytes appended. An empty
  // `topic` (no such topic) counts only towards the broker total.
  void produce(std::string_view topic, sdk::ErrorCode error, uint64_t messages, uint64_t bytes);
  // A partition read for a consumer, with its outcome and the bytes sent.
  void fetch(std::string_view topic, sdk::ErrorCode error, uint64_t bytes);
  // The topic was deleted: its series stop being exported.
  void remove_topic(std::string_view topic);

  const TopicCounters& all_topics() const { return all_; }

 public:
  // Topic name -> counters, looked up by string_view.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, TopicCounters*, Hash, std::equal_to<>>;

 private:

  TopicCounters* topic(std::string_view name);
  // Runs `count` on the broker-wide counters and, for a named topic, on its own.
  template <class Count>
  void count_for(std::string_view topic_name, Count&& count) {
    count(all_);
    if (!topic_name.empty()) count(*topic(topic_name));
  }
  TopicCounters make(const sdk::MetricLabels& labels);

  sdk::MetricsRegistry& registry_;
  TopicCounters all_;
  std::mutex mutex_;
  Map topics_;
  // Removed topics' counters stay allocated: threads may still hold pointers.
  std::vector<std::unique_ptr<TopicCounters>> storage_;
  // Bumped on removal; a thread whose cache saw an older epoch drops it.
  std::atomic<uint64_t> epoch_{0};
  const uint64_t instance_;
};

}  // namespace skiff::kernel::metrics

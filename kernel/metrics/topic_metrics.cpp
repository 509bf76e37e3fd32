#include "kernel/metrics/topic_metrics.h"

namespace skiff::kernel::metrics {

namespace {

using sdk::MetricType;

sdk::MetricInfo counter(const char* name, const char* help) {
  return {std::string("kafka_server_brokertopicmetrics_") + name + "_total", help,
          MetricType::kCounter};
}

const sdk::MetricInfo kMessagesIn =
    counter("messagesin", "Records appended to the log by producers.");
const sdk::MetricInfo kBytesIn = counter("bytesin", "Bytes appended to the log by producers.");
const sdk::MetricInfo kBytesOut =
    counter("bytesout", "Record bytes sent to consumers in fetch responses.");
const sdk::MetricInfo kProduceRequests =
    counter("totalproducerequests", "Produce requests, counted once per partition.");
const sdk::MetricInfo kFetchRequests =
    counter("totalfetchrequests", "Consumer fetch requests, counted once per partition.");
const sdk::MetricInfo kFailedProduce = counter(
    "failedproducerequests",
    "Partition appends that failed for reasons other than a missing topic, a wrong leader, "
    "a too large or corrupt batch or a storage error (Kafka's definition).");
const sdk::MetricInfo kFailedFetch = counter(
    "failedfetchrequests",
    "Partition reads that failed for reasons other than a missing topic, a wrong leader, "
    "an out of range offset or a storage error (Kafka's definition).");

const sdk::MetricInfo* const kAll[] = {&kMessagesIn,    &kBytesIn,      &kBytesOut,
                                       &kProduceRequests, &kFetchRequests, &kFailedProduce,
                                       &kFailedFetch};

std::atomic<uint64_t> next_instance{1};

// Kafka's ReplicaManager counts a produce or fetch as failed only for unexpected
// errors; these expected ones are not.
bool failed_produce(sdk::ErrorCode e) {
  using sdk::ErrorCode;
  switch (e) {
    case ErrorCode::kNone:
    case ErrorCode::kUnknownTopicOrPartition:
    case ErrorCode::kUnknownTopicId:
    case ErrorCode::kNotLeaderOrFollower:
    case ErrorCode::kMessageTooLarge:
    case ErrorCode::kRecordListTooLarge:
    case ErrorCode::kCorruptMessage:
    case ErrorCode::kKafkaStorageError:
      return false;
    default:
      return true;
  }
}

bool failed_fetch(sdk::ErrorCode e) {
  using sdk::ErrorCode;
  switch (e) {
    case ErrorCode::kNone:
    case ErrorCode::kUnknownTopicOrPartition:
    case ErrorCode::kUnknownTopicId:
    case ErrorCode::kNotLeaderOrFollower:
    case ErrorCode::kUnknownLeaderEpoch:
    case ErrorCode::kFencedLeaderEpoch:
    case ErrorCode::kReplicaNotAvailable:
    case ErrorCode::kKafkaStorageError:
    case ErrorCode::kOffsetOutOfRange:
    case ErrorCode::kInconsistentTopicId:
      return false;
    default:
      return true;
  }
}

// This thread's view of one BrokerTopicMetrics' topics.
struct ThreadCache {
  uint64_t instance = 0;
  uint64_t epoch = 0;
  BrokerTopicMetrics::Map by_name;
};

}  // namespace

BrokerTopicMetrics::BrokerTopicMetrics(sdk::MetricsRegistry& registry)
    : registry_(registry), all_(make({})), instance_(next_instance++) {}

BrokerTopicMetrics::~BrokerTopicMetrics() = default;

TopicCounters BrokerTopicMetrics::make(const sdk::MetricLabels& labels) {
  return TopicCounters{registry_.counter(kMessagesIn, labels),
                       registry_.counter(kBytesIn, labels),
                       registry_.counter(kBytesOut, labels),
                       registry_.counter(kProduceRequests, labels),
                       registry_.counter(kFetchRequests, labels),
                       registry_.counter(kFailedProduce, labels),
                       registry_.counter(kFailedFetch, labels)};
}

TopicCounters* BrokerTopicMetrics::topic(std::string_view name) {
  static thread_local ThreadCache cache;
  const uint64_t epoch = epoch_.load(std::memory_order_acquire);
  if (cache.instance != instance_ || cache.epoch != epoch) {
    cache.by_name.clear();
    cache.instance = instance_;
    cache.epoch = epoch;
  }
  // Transparent lookup: no allocation once this thread has seen the topic.
  if (auto it = cache.by_name.find(name); it != cache.by_name.end()) {
    return it->second;
  }
  TopicCounters* counters = nullptr;
  {
    std::lock_guard lock(mutex_);
    auto it = topics_.find(name);
    if (it == topics_.end()) {
      storage_.push_back(std::make_unique<TopicCounters>(make({{"topic", std::string(name)}})));
      it = topics_.emplace(std::string(name), storage_.back().get()).first;
    }
    counters = it->second;
  }
  cache.by_name.emplace(std::string(name), counters);
  return counters;
}

void BrokerTopicMetrics::produce(std::string_view topic_name, sdk::ErrorCode error,
                                 uint64_t messages, uint64_t bytes) {
  const bool failed = failed_produce(error);
  count_for(topic_name, [&](const TopicCounters& c) {
    c.produce_requests->add();
    if (failed) {
      c.failed_produce_requests->add();
    } else if (error == sdk::ErrorCode::kNone) {
      c.messages_in->add(messages);
      c.bytes_in->add(bytes);
    }
  });
}

void BrokerTopicMetrics::fetch(std::string_view topic_name, sdk::ErrorCode error,
                               uint64_t bytes) {
  const bool failed = failed_fetch(error);
  count_for(topic_name, [&](const TopicCounters& c) {
    c.fetch_requests->add();
    if (failed) {
      c.failed_fetch_requests->add();
    } else if (bytes > 0) {
      c.bytes_out->add(bytes);
    }
  });
}

void BrokerTopicMetrics::remove_topic(std::string_view topic_name) {
  std::lock_guard lock(mutex_);
  auto it = topics_.find(topic_name);
  if (it == topics_.end()) return;
  sdk::MetricLabels labels{{"topic", std::string(topic_name)}};
  for (const sdk::MetricInfo* info : kAll) registry_.remove(info->name, labels);
  topics_.erase(it);
  epoch_.fetch_add(1, std::memory_order_release);
}

}  // namespace skiff::kernel::metrics

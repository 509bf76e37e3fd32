#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "kernel/metrics/metrics_registry.h"
#include "kernel/metrics/topic_metrics.h"

using skiff::kernel::metrics::BrokerTopicMetrics;
using skiff::kernel::metrics::MetricsRegistryImpl;
using skiff::sdk::ErrorCode;

namespace {

double series(MetricsRegistryImpl& registry, const std::string& name, const std::string& topic) {
  for (const auto& f : registry.collect()) {
    if (f.info.name != name) continue;
    for (const auto& p : f.points) {
      bool match = topic.empty() ? p.labels.empty()
                                 : (!p.labels.empty() && p.labels[0].second == topic);
      if (match) return p.value;
    }
  }
  return -1;
}

}  // namespace

TEST_CASE("produce and fetch count per topic and for all topics, failures as Kafka does") {
  MetricsRegistryImpl registry;
  BrokerTopicMetrics metrics(registry);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) metrics.produce("orders", ErrorCode::kNone, 10, 1000);
    });
  }
  for (auto& t : threads) t.join();
  metrics.produce("orders", ErrorCode::kCorruptMessage, 10, 1000);      // expected: not failed
  metrics.produce("orders", ErrorCode::kInvalidRecord, 10, 1000);       // unexpected: failed
  metrics.produce("", ErrorCode::kUnknownTopicOrPartition, 1, 100);    // all topics only
  metrics.fetch("orders", ErrorCode::kNone, 500);
  metrics.fetch("orders", ErrorCode::kOffsetOutOfRange, 0);

  const std::string p = "kafka_server_brokertopicmetrics_";
  REQUIRE(series(registry, p + "messagesin_total", "orders") == 40000);
  REQUIRE(series(registry, p + "bytesin_total", "orders") == 4000000);
  REQUIRE(series(registry, p + "totalproducerequests_total", "orders") == 4002);
  REQUIRE(series(registry, p + "totalproducerequests_total", "") == 4003);
  REQUIRE(series(registry, p + "failedproducerequests_total", "orders") == 1);
  REQUIRE(series(registry, p + "bytesout_total", "orders") == 500);
  REQUIRE(series(registry, p + "totalfetchrequests_total", "") == 2);
  REQUIRE(series(registry, p + "failedfetchrequests_total", "") == 0);
}

TEST_CASE("a deleted topic's series go, and come back from zero if it is recreated") {
  MetricsRegistryImpl registry;
  BrokerTopicMetrics metrics(registry);
  metrics.produce("t", ErrorCode::kNone, 3, 30);
  metrics.remove_topic("t");
  REQUIRE(series(registry, "kafka_server_brokertopicmetrics_messagesin_total", "t") == -1);
  metrics.produce("t", ErrorCode::kNone, 2, 20);
  REQUIRE(series(registry, "kafka_server_brokertopicmetrics_messagesin_total", "t") == 2);
  REQUIRE(series(registry, "kafka_server_brokertopicmetrics_messagesin_total", "") == 5);
}

#include <catch2/catch.hpp>

#include <algorithm>
#include <stdexcept>
#include <thread>
#include <vector>

#include "kernel/metrics/metrics_registry.h"

using skiff::kernel::metrics::MetricsRegistryImpl;
using skiff::sdk::MetricFamilySnapshot;
using skiff::sdk::MetricInfo;
using skiff::sdk::MetricType;

namespace {

const MetricFamilySnapshot* find(const std::vector<MetricFamilySnapshot>& all,
                                 const std::string& name) {
  for (const auto& f : all) {
    if (f.info.name == name) return &f;
  }
  return nullptr;
}

const MetricInfo kRequests{"test_requests_total", "Requests.", MetricType::kCounter};

}  // namespace

TEST_CASE("the same name and labels give the same counter; increments from many threads add up") {
  MetricsRegistryImpl registry;
  auto a = registry.counter(kRequests, {{"api", "Produce"}});
  auto b = registry.counter(kRequests, {{"api", "Produce"}});
  auto other = registry.counter(kRequests, {{"api", "Fetch"}});
  REQUIRE(a == b);
  REQUIRE(a != other);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100000; ++i) a->add();
    });
  }
  for (auto& t : threads) t.join();
  other->add(5);
  auto all = registry.collect();
  const auto* family = find(all, "test_requests_total");
  REQUIRE(family != nullptr);
  REQUIRE(family->points.size() == 2);
  for (const auto& p : family->points) {
    REQUIRE(p.value == (p.labels[0].second == "Produce" ? 800000 : 5));
  }
}

TEST_CASE("names, label names, types and the _total rule are checked") {
  MetricsRegistryImpl registry;
  REQUIRE_THROWS_AS(registry.counter({"9bad_total", "", MetricType::kCounter}), std::invalid_argument);
  REQUIRE_THROWS_AS(registry.counter({"no_suffix", "", MetricType::kCounter}), std::invalid_argument);
  REQUIRE_THROWS_AS(registry.gauge({"g", "", MetricType::kGauge}, {{"__reserved", "x"}}),
                    std::invalid_argument);
  REQUIRE_THROWS_AS(registry.histogram({"h", "", MetricType::kSummary}, {{"quantile", "x"}}),
                    std::invalid_argument);
  registry.gauge({"shared", "", MetricType::kGauge});
  REQUIRE_THROWS_AS(registry.histogram({"shared", "", MetricType::kSummary}), std::invalid_argument);
}

TEST_CASE("callback metrics are computed at scrape and stop when their registration goes") {
  MetricsRegistryImpl registry;
  int calls = 0;
  auto registration = registry.callback({"test_depth", "Depth.", MetricType::kGauge},
                                        [&](skiff::sdk::MetricPoints& out) {
                                          ++calls;
                                          out.add({{"queue", "a"}}, 3);
                                        });
  auto all = registry.collect();
  REQUIRE(find(all, "test_depth")->points.at(0).value == 3);
  REQUIRE(calls == 1);
  registration.reset();
  all = registry.collect();
  REQUIRE(find(all, "test_depth") == nullptr);
  REQUIRE(calls == 1);
}

TEST_CASE("a throwing callback loses its points, not the scrape") {
  MetricsRegistryImpl registry;
  auto bad = registry.callback({"test_bad", "", MetricType::kGauge},
                               [](skiff::sdk::MetricPoints&) { throw std::runtime_error("x"); });
  registry.gauge({"test_good", "", MetricType::kGauge})->set(1.5);
  auto all = registry.collect();
  REQUIRE(find(all, "test_bad") == nullptr);
  REQUIRE(find(all, "test_good")->points.at(0).value == 1.5);
}

TEST_CASE("removed series are no longer exported") {
  MetricsRegistryImpl registry;
  auto c = registry.counter(kRequests, {{"topic", "gone"}});
  c->add();
  registry.remove("test_requests_total", {{"topic", "gone"}});
  c->add();  // the handle stays usable
  REQUIRE(find(registry.collect(), "test_requests_total") == nullptr);
}

TEST_CASE("summary quantiles cover the recent window, _count and _sum all time") {
  auto now = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  MetricsRegistryImpl registry(std::chrono::seconds(100), [&] { return now; });
  auto h = registry.histogram({"test_latency_ms", "", MetricType::kSummary});
  for (int i = 0; i < 1000; ++i) h->observe(100);
  auto point = find(registry.collect(), "test_latency_ms")->points.at(0);
  REQUIRE(point.count == 1000);
  REQUIRE(point.sum == Approx(100000));
  REQUIRE(point.quantiles.size() == 6);
  REQUIRE(point.quantiles[0].first == "0.50");
  REQUIRE(point.quantiles[0].second == Approx(100).epsilon(0.07));
  // A full window later, only what came since counts for the quantiles.
  for (int step = 0; step < 12; ++step) {
    now += std::chrono::seconds(10);
    registry.collect();
  }
  for (int i = 0; i < 10; ++i) h->observe(1);
  point = find(registry.collect(), "test_latency_ms")->points.at(0);
  REQUIRE(point.count == 1010);
  REQUIRE(point.quantiles[5].second == Approx(1).epsilon(0.13));
}

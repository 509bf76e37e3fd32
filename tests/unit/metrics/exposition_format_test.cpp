#include <catch2/catch.hpp>

#include "exposition_format.h"

using namespace skiff::metrics_prometheus;
using skiff::sdk::MetricFamilySnapshot;
using skiff::sdk::MetricType;

namespace {

std::vector<MetricFamilySnapshot> sample() {
  MetricFamilySnapshot counter{{"kafka_x_messagesin_total", "Records \\ in.\nMore.",
                                MetricType::kCounter}, {}};
  counter.points.push_back({{{"topic", "a\"b\\c\nd"}}, 3, {}, 0, 0});
  MetricFamilySnapshot summary{{"kafka_x_totaltimems", "Time.", MetricType::kSummary}, {}};
  summary.points.push_back({{{"request", "Produce"}}, 0, {{"0.50", 1.5}, {"0.99", 2}}, 7, 10.25});
  return {counter, summary};
}

}  // namespace

TEST_CASE("Prometheus text format: HELP, TYPE, escaped labels, summaries with _sum and _count") {
  std::string text = render(sample(), ExpositionFormat::kPrometheusText);
  REQUIRE(text ==
          "# HELP kafka_x_messagesin_total Records \\\\ in.\\nMore.\n"
          "# TYPE kafka_x_messagesin_total counter\n"
          "kafka_x_messagesin_total{topic=\"a\\\"b\\\\c\\nd\"} 3\n"
          "# HELP kafka_x_totaltimems Time.\n"
          "# TYPE kafka_x_totaltimems summary\n"
          "kafka_x_totaltimems{request=\"Produce\",quantile=\"0.50\"} 1.5\n"
          "kafka_x_totaltimems{request=\"Produce\",quantile=\"0.99\"} 2\n"
          "kafka_x_totaltimems_sum{request=\"Produce\"} 10.25\n"
          "kafka_x_totaltimems_count{request=\"Produce\"} 7\n");
}

TEST_CASE("OpenMetrics: counter families without _total, samples with it, # EOF") {
  std::string text = render(sample(), ExpositionFormat::kOpenMetrics);
  REQUIRE(text.find("# TYPE kafka_x_messagesin counter\n") != std::string::npos);
  REQUIRE(text.find("\nkafka_x_messagesin_total{topic=") != std::string::npos);
  REQUIRE(text.ends_with("# EOF\n"));
}

TEST_CASE("content negotiation follows the Accept header") {
  REQUIRE(negotiate_format("application/openmetrics-text; version=1.0.0,text/plain;q=0.5") ==
          ExpositionFormat::kOpenMetrics);
  REQUIRE(negotiate_format("text/plain") == ExpositionFormat::kPrometheusText);
  REQUIRE(negotiate_format("") == ExpositionFormat::kPrometheusText);
  REQUIRE(content_type(ExpositionFormat::kPrometheusText) == "text/plain; version=0.0.4; charset=utf-8");
}

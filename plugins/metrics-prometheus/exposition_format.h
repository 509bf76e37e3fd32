// Renders collected metric families as the Prometheus text exposition format 0.0.4
// or as OpenMetrics 1.0 (which scrapers ask for with an Accept header), and picks
// between them from that header.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skiff/sdk/metrics.h"

namespace skiff::metrics_prometheus {

enum class ExpositionFormat { kPrometheusText, kOpenMetrics };

// OpenMetrics when `accept` lists application/openmetrics-text, else text 0.0.4.
ExpositionFormat negotiate_format(std::string_view accept);
std::string_view content_type(ExpositionFormat format);
std::string render(const std::vector<sdk::MetricFamilySnapshot>& families, ExpositionFormat format);

}  // namespace skiff::metrics_prometheus

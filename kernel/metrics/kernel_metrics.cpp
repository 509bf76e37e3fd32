#include "kernel/metrics/kernel_metrics.h"

namespace skiff::kernel::metrics {

KernelMetrics::KernelMetrics(sdk::MetricsRegistry& registry, KernelMetricSources sources)
    : controller_(sources.gauges.controller),
      requests_(registry, sources.apis, sources.io_threads),
      topics_(registry),
      gauges_(registry, std::move(sources.gauges)),
      process_(registry),
      log_flush_(registry.histogram(kLogFlushTime)) {
  controller_.add_listener(this);
  registrations_.push_back(registry.callback(
      {"skiff_plugin_loaded", "1 for each plugin loaded from plugin.path, by name and SDK version.",
       sdk::MetricType::kGauge},
      [plugins = std::move(sources.plugins)](sdk::MetricPoints& out) {
        for (const auto& p : plugins) out.add({{"plugin", p.name}, {"version", p.version}}, 1);
      }));
  registrations_.push_back(registry.callback(
      {"kafka_server_delayedoperationpurgatory_purgatorysize",
       "Requests parked until an event or a timeout, by kind (Fetch: long polls; Produce: "
       "acks=all waits, none on a single node).",
       sdk::MetricType::kGauge},
      [parked = std::move(sources.parked_fetches)](sdk::MetricPoints& out) {
        out.add({{"delayedoperation", "Fetch"}}, parked ? static_cast<double>(parked()) : 0);
        out.add({{"delayedoperation", "Produce"}}, 0);
      }));
}

KernelMetrics::~KernelMetrics() { controller_.remove_listener(this); }

void KernelMetrics::watch_connections(sdk::MetricsRegistry& registry,
                                      std::function<std::map<std::string, size_t>()> by_listener) {
  auto registration = registry.callback(
      {"kafka_server_socket_server_metrics_connection_count",
       "Open client connections, by listener.", sdk::MetricType::kGauge},
      [by_listener = std::move(by_listener)](sdk::MetricPoints& out) {
        for (const auto& [listener, n] : by_listener()) {
          out.add({{"listener", listener}}, static_cast<double>(n));
        }
      });
  registrations_.push_back(std::move(registration));
}

}  // namespace skiff::kernel::metrics

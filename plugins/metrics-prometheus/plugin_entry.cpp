// The metrics-prometheus plugin: when metrics.prometheus.enable=true, serves the
// kernel's metrics registry (every metric the kernel and plugins registered) at
// GET /metrics on metrics.prometheus.listen, with /health and /ready beside it.
#include <memory>
#include <stdexcept>

#include "exporter_config.h"
#include "http_endpoint.h"
#include "skiff/sdk/plugin.h"

namespace skiff::metrics_prometheus {
namespace {

class PrometheusExporterPlugin final : public sdk::Plugin {
 public:
  void declare_config(sdk::ConfigSchema& schema) override { declare_exporter_config(schema); }

  void configure(sdk::Host& host) override {
    config_ = read_exporter_config(host.config());
    if (!config_.enabled) return;
    logger_ = &host.logger("metrics");
    // Binds now, so a taken port stops startup with a clear message.
    endpoint_ = std::make_unique<HttpEndpoint>(config_, host.metrics(), host.health(), *logger_);
  }

  void start() override {
    if (!endpoint_) return;
    endpoint_->start();
    logger_->info(std::string("metrics endpoint serving ") +
                  (config_.tls_certificate_file.empty() ? "http" : "https") + "://" +
                  config_.host + ":" + std::to_string(endpoint_->port()) +
                  "/metrics (also /health, /ready)" +
                  (config_.basic_auth_user.empty() ? "" : " with basic auth"));
  }

  void stop() override {
    if (endpoint_) endpoint_->stop();
    endpoint_.reset();
  }

 private:
  ExporterConfig config_;
  sdk::Logger* logger_ = nullptr;
  std::unique_ptr<HttpEndpoint> endpoint_;
};

}  // namespace
}  // namespace skiff::metrics_prometheus

SKIFF_PLUGIN(skiff::metrics_prometheus::PrometheusExporterPlugin, "metrics-prometheus",
             "Prometheus /metrics (JMX-exporter names), /health and /ready over HTTP(S)")

// HttpEndpoint: the Poco HTTP(S) server of the metrics-prometheus plugin.
//   GET /metrics  every registered metric (Prometheus text, or OpenMetrics when the
//                 scraper's Accept header asks for it); basic auth if configured
//   GET /health   200 while the process serves
//   GET /ready    200 when storage is recovered, the controller reachable and the
//                 listeners bound, else 503 naming what is not ready
#pragma once

#include <cstdint>
#include <memory>

#include "exporter_config.h"
#include "skiff/sdk/health.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/metrics.h"

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace skiff::metrics_prometheus {

class HttpEndpoint {
 public:
  // Binds now: throws std::runtime_error naming the address when it cannot.
  HttpEndpoint(const ExporterConfig& config, sdk::MetricsRegistry& metrics,
               const sdk::Health& health, sdk::Logger& logger);
  ~HttpEndpoint();

  void start();
  void stop();
  uint16_t port() const { return port_; }

 private:
  std::unique_ptr<Poco::ThreadPool> threads_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  uint16_t port_ = 0;
  bool started_ = false;
};

}  // namespace skiff::metrics_prometheus

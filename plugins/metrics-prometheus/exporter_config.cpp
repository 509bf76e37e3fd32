#include "exporter_config.h"

#include <charconv>
#include <stdexcept>

#include "skiff/sdk/config_key_builder.h"

namespace skiff::metrics_prometheus {

namespace {

constexpr const char* kEnable = "metrics.prometheus.enable";
constexpr const char* kListen = "metrics.prometheus.listen";
constexpr const char* kUser = "metrics.prometheus.basic.auth.user";
constexpr const char* kPassword = "metrics.prometheus.basic.auth.password";
constexpr const char* kCertificate = "metrics.prometheus.tls.certificate.file";
constexpr const char* kKey = "metrics.prometheus.tls.key.file";

}  // namespace

void declare_exporter_config(sdk::ConfigSchema& schema) {
  using sdk::ConfigType;
  schema.define(sdk::ConfigKeyBuilder(kEnable, ConfigType::kBoolean, "false",
                    "Serve GET /metrics (Prometheus text or OpenMetrics), /health and /ready over "
                    "HTTP. Enable it with a conf.d snippet (see conf.d/examples/metrics-prometheus.conf)."));
  schema.define(sdk::ConfigKeyBuilder(kListen, ConfigType::kString, "0.0.0.0:7071",
                    "HOST:PORT the metrics endpoint binds (7071, the port the Prometheus JMX "
                    "exporter commonly uses for Kafka; port 0 picks a free one)."));
  schema.define(sdk::ConfigKeyBuilder(kUser, ConfigType::kString, "",
                    "If set, the endpoint asks for HTTP basic auth with this user name."));
  schema.define(sdk::ConfigKeyBuilder(kPassword, ConfigType::kPassword, "",
                    "The basic auth password (with metrics.prometheus.basic.auth.user)."));
  schema.define(sdk::ConfigKeyBuilder(kCertificate, ConfigType::kString, "",
                    "PEM certificate (chain) file: if set, the endpoint serves HTTPS."));
  schema.define(sdk::ConfigKeyBuilder(kKey, ConfigType::kString, "",
                    "PEM private key file of metrics.prometheus.tls.certificate.file."));
}

ExporterConfig read_exporter_config(const sdk::ConfigView& config) {
  ExporterConfig out;
  out.enabled = config.get_bool(kEnable, false);
  std::string listen = config.get_string(kListen, "0.0.0.0:7071");
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    throw std::invalid_argument(std::string(kListen) + "=" + listen +
                                ": expected HOST:PORT, e.g. 0.0.0.0:7071");
  }
  out.host = listen.substr(0, colon);
  if (out.host.size() >= 2 && out.host.front() == '[' && out.host.back() == ']') {
    out.host = out.host.substr(1, out.host.size() - 2);  // [::1]:7071
  }
  if (out.host.empty()) out.host = "0.0.0.0";
  std::string port = listen.substr(colon + 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value > 65535) {
    throw std::invalid_argument(std::string(kListen) + "=" + listen +
                                ": the port must be a number from 0 to 65535");
  }
  out.port = static_cast<uint16_t>(value);
  out.basic_auth_user = config.get_string(kUser);
  out.basic_auth_password = config.get_string(kPassword);
  if (out.basic_auth_user.empty() != out.basic_auth_password.empty()) {
    throw std::invalid_argument(std::string(kUser) + " and " + kPassword +
                                " must be set together");
  }
  out.tls_certificate_file = config.get_string(kCertificate);
  out.tls_key_file = config.get_string(kKey);
  if (out.tls_certificate_file.empty() != out.tls_key_file.empty()) {
    throw std::invalid_argument(std::string(kCertificate) + " and " + kKey +
                                " must be set together");
  }
  return out;
}

}  // namespace skiff::metrics_prometheus

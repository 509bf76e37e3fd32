// The metrics-prometheus plugin's configuration: its keys (declared with the
// kernel so unknown or malformed values stop startup) and their parsed values.
#pragma once

#include <cstdint>
#include <string>

#include "skiff/sdk/config.h"

namespace skiff::metrics_prometheus {

struct ExporterConfig {
  bool enabled = false;
  std::string host = "0.0.0.0";
  uint16_t port = 7071;
  // Basic auth: both set, or neither.
  std::string basic_auth_user;
  std::string basic_auth_password;
  // TLS (HTTPS): both set, or neither (PEM files).
  std::string tls_certificate_file;
  std::string tls_key_file;
};

void declare_exporter_config(sdk::ConfigSchema& schema);
// Throws std::invalid_argument naming the key when a value is unusable.
ExporterConfig read_exporter_config(const sdk::ConfigView& config);

}  // namespace skiff::metrics_prometheus

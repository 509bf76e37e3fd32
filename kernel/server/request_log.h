// RequestLog: Kafka's request log (kafka.request.logger), switched on per API. With
// log.request.apis=Produce,Fetch (API names as in ApiVersions, "*" for all, empty:
// off; dynamic) every completed request of those APIs writes one line to the
// "request" logger: API and version, correlation id, client id, host, principal,
// listener, outcome and the queue/local/remote times. Whether an API is logged is
// one atomic load, so requests of other APIs pay nothing.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "kernel/net/request_processor.h"
#include "skiff/sdk/config.h"
#include "skiff/sdk/log.h"

namespace skiff::kernel::server {

inline constexpr std::string_view kRequestLogApisKey = "log.request.apis";

class RequestLog {
 public:
  explicit RequestLog(sdk::Logger& logger) : logger_(logger) {}

  // Reads log.request.apis; returns the names it does not know (ignored).
  std::vector<std::string> configure(const sdk::ConfigView& config);
  bool enabled(int16_t api_key) const {
    return api_key >= 0 && static_cast<size_t>(api_key) < enabled_.size() &&
           enabled_[static_cast<size_t>(api_key)].load(std::memory_order_relaxed);
  }

  struct Entry {
    int16_t api_key = 0;
    int16_t api_version = 0;
    int32_t correlation_id = 0;
    const net::ConnectionInfo* connection = nullptr;
    net::Reply::Kind outcome = net::Reply::Kind::kRespond;
    const std::string* close_reason = nullptr;  // kClose
    double queue_ms = 0, local_ms = 0, remote_ms = 0;
  };
  void log(const Entry& entry);

 private:
  sdk::Logger& logger_;
  std::array<std::atomic<bool>, 128> enabled_{};
};

}  // namespace skiff::kernel::server

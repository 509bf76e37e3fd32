// RequestLog: Kafka's request log (kafka.request.logger), switched on per API. With
// log.request.apis=Produce,Fetch (API names as in ApiVersions, "*" for all, empty:
// off; dynamic) every completed request of those APIs writes one line to the
// "request" logger: API and version, correlation id, client id, host, principal,
// listener, outcome and the queue/local/remote times. Whether an API is logged is
// one atomic load, so requests of other APIs pay nothing. Plugins' APIs are named
// as their request handlers declare.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/net/request_processor.h"
#include "kernel/protocol/api_key_map.h"
#include "kernel/server/handler_table.h"
#include "skiff/sdk/config.h"
#include "skiff/sdk/log.h"

namespace skiff::kernel::server {

inline constexpr std::string_view kRequestLogApisKey = "log.request.apis";

class RequestLog {
 public:
  // Kafka's APIs, and the plugins' in `handlers`, may be logged.
  RequestLog(sdk::Logger& logger, const HandlerTable& handlers);

  // Reads log.request.apis; returns the names it does not know (ignored).
  std::vector<std::string> configure(const sdk::ConfigView& config);
  bool enabled(int16_t api_key) const {
    const Api* api = apis_.find(api_key);
    return api != nullptr && api->enabled.load(std::memory_order_relaxed);
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
  struct Api {
    std::string name;
    std::atomic<bool> enabled{false};
    Api() = default;
    // Moved only while the table is built, before any request is logged.
    Api(Api&& other) noexcept : name(std::move(other.name)), enabled(other.enabled.load()) {}
    Api& operator=(Api&& other) noexcept {
      name = std::move(other.name);
      enabled.store(other.enabled.load());
      return *this;
    }
  };

  sdk::Logger& logger_;
  protocol::ApiKeyMap<Api> apis_;
};

}  // namespace skiff::kernel::server

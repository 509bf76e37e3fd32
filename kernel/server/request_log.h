// RequestLog: Kafka's request log (kafka.request.logger), switched on per API. With
// log.request.apis=Produce,Fetch (API names as in ApiVersions, "*" for all, empty:
// off; dynamic) every completed request of those APIs writes one line to the
// "request" logger: API and version, correlation id, client id, host, principal,
// listener, outcome and the queue/local/remote times. Whether an API is logged is
// one atomic load, so requests of other APIs pay nothing. Plugins' APIs are named
// as their request handlers declare.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/net/request_processor.h"
#include "skiff/sdk/config.h"
#include "skiff/sdk/log.h"

namespace skiff::kernel::server {

inline constexpr std::string_view kRequestLogApisKey = "log.request.apis";

class RequestLog {
 public:
  struct NamedApi {
    int16_t api_key = 0;
    std::string name;
  };
  // `plugin_apis`: APIs on keys Kafka does not define, which only plugins name.
  explicit RequestLog(sdk::Logger& logger, std::vector<NamedApi> plugin_apis = {});

  // Reads log.request.apis; returns the names it does not know (ignored).
  std::vector<std::string> configure(const sdk::ConfigView& config);
  bool enabled(int16_t api_key) const {
    const std::atomic<bool>* flag = flag_of(api_key);
    return flag != nullptr && flag->load(std::memory_order_relaxed);
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
  const std::atomic<bool>* flag_of(int16_t api_key) const;
  std::string_view name_of(int16_t api_key) const;

  sdk::Logger& logger_;
  // Kafka's api keys index an array; plugins' other keys are sorted in plugin_apis_,
  // with their flags at the same index in plugin_enabled_.
  std::array<std::atomic<bool>, 128> enabled_{};
  std::vector<NamedApi> plugin_apis_;
  std::unique_ptr<std::atomic<bool>[]> plugin_enabled_;
};

}  // namespace skiff::kernel::server

#include "kernel/server/request_log.h"

#include <algorithm>
#include <cstdio>

#include "kernel/protocol/generated/api_table.h"

namespace skiff::kernel::server {

RequestLog::RequestLog(sdk::Logger& logger, const HandlerTable& handlers) : logger_(logger) {
  for (const auto& api : protocol::all_apis()) apis_[api.api_key].name = api.name;
  for (const auto* entry : handlers.implemented()) {
    if (!entry->plugin.empty()) apis_[entry->api_key].name = entry->name;
  }
}

std::vector<std::string> RequestLog::configure(const sdk::ConfigView& config) {
  std::vector<int16_t> wanted;
  std::vector<std::string> unknown;
  for (const auto& name : config.get_list(kRequestLogApisKey)) {
    bool found = false;
    apis_.for_each([&](int16_t api_key, const Api& api) {
      if (name == "*" || name == api.name) {
        wanted.push_back(api_key);
        found = true;
      }
    });
    if (!found) unknown.push_back(name);
  }
  apis_.for_each([&wanted](int16_t api_key, Api& api) {
    const bool on = std::find(wanted.begin(), wanted.end(), api_key) != wanted.end();
    api.enabled.store(on, std::memory_order_relaxed);
  });
  return unknown;
}

void RequestLog::log(const Entry& e) {
  if (!logger_.enabled(sdk::LogLevel::kInfo)) return;
  const Api* api = apis_.find(e.api_key);
  const std::string_view name = api != nullptr ? std::string_view(api->name) : std::string_view();
  const net::ConnectionInfo& c = *e.connection;
  char times[96];
  std::snprintf(times, sizeof times, "queue %.3f ms, local %.3f ms, remote %.3f ms", e.queue_ms,
                e.local_ms, e.remote_ms);
  std::string outcome = e.outcome == net::Reply::Kind::kRespond    ? "responded"
                        : e.outcome == net::Reply::Kind::kNoResponse ? "no response (acks=0)"
                                                                     : "connection closed";
  if (e.outcome == net::Reply::Kind::kClose && e.close_reason) outcome += ": " + *e.close_reason;
  logger_.info((name.empty() ? "api " + std::to_string(e.api_key) : std::string(name)) + " v" +
               std::to_string(e.api_version) + " correlation " + std::to_string(e.correlation_id) +
               " from client '" + c.identity.client_id + "' at " + c.identity.client_host +
               " principal " + c.identity.principal.to_string() + " on " + c.identity.listener + ": " +
               outcome + " (" + times + ")");
}

}  // namespace skiff::kernel::server

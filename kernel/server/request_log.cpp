#include "kernel/server/request_log.h"

#include <cstdio>

#include "kernel/protocol/generated/api_table.h"

namespace skiff::kernel::server {

std::vector<std::string> RequestLog::configure(const sdk::ConfigView& config) {
  std::array<bool, 128> wanted{};
  std::vector<std::string> unknown;
  for (const auto& name : config.get_list(kRequestLogApisKey)) {
    bool found = false;
    for (const auto& api : protocol::all_apis()) {
      if (name == "*" || name == api.name) {
        if (api.api_key >= 0 && static_cast<size_t>(api.api_key) < wanted.size()) {
          wanted[static_cast<size_t>(api.api_key)] = true;
        }
        found = true;
      }
    }
    if (!found) unknown.push_back(name);
  }
  for (size_t i = 0; i < wanted.size(); ++i) enabled_[i].store(wanted[i], std::memory_order_relaxed);
  return unknown;
}

void RequestLog::log(const Entry& e) {
  if (!logger_.enabled(sdk::LogLevel::kInfo)) return;
  const protocol::ApiInfo* api = protocol::find_api(e.api_key);
  const net::ConnectionInfo& c = *e.connection;
  char times[96];
  std::snprintf(times, sizeof times, "queue %.3f ms, local %.3f ms, remote %.3f ms", e.queue_ms,
                e.local_ms, e.remote_ms);
  std::string outcome = e.outcome == net::Reply::Kind::kRespond    ? "responded"
                        : e.outcome == net::Reply::Kind::kNoResponse ? "no response (acks=0)"
                                                                     : "connection closed";
  if (e.outcome == net::Reply::Kind::kClose && e.close_reason) outcome += ": " + *e.close_reason;
  logger_.info(std::string(api ? api->name : "api " + std::to_string(e.api_key)) + " v" +
               std::to_string(e.api_version) + " correlation " + std::to_string(e.correlation_id) +
               " from client '" + c.identity.client_id + "' at " + c.identity.client_host +
               " principal " + c.identity.principal.to_string() + " on " + c.identity.listener + ": " +
               outcome + " (" + times + ")");
}

}  // namespace skiff::kernel::server

#include "kernel/server/request_log.h"

#include <algorithm>
#include <cstdio>

#include "kernel/protocol/generated/api_table.h"

namespace skiff::kernel::server {

RequestLog::RequestLog(sdk::Logger& logger, std::vector<NamedApi> plugin_apis)
    : logger_(logger),
      plugin_apis_(std::move(plugin_apis)),
      plugin_enabled_(std::make_unique<std::atomic<bool>[]>(plugin_apis_.size())) {
  std::sort(plugin_apis_.begin(), plugin_apis_.end(),
            [](const NamedApi& a, const NamedApi& b) { return a.api_key < b.api_key; });
}

const std::atomic<bool>* RequestLog::flag_of(int16_t api_key) const {
  if (api_key < 0) return nullptr;
  const auto index = static_cast<size_t>(api_key);
  if (index < enabled_.size()) return &enabled_[index];
  auto it = std::lower_bound(plugin_apis_.begin(), plugin_apis_.end(), api_key,
                             [](const NamedApi& a, int16_t key) { return a.api_key < key; });
  if (it == plugin_apis_.end() || it->api_key != api_key) return nullptr;
  return &plugin_enabled_[static_cast<size_t>(it - plugin_apis_.begin())];
}

std::string_view RequestLog::name_of(int16_t api_key) const {
  if (const protocol::ApiInfo* api = protocol::find_api(api_key)) return api->name;
  for (const auto& api : plugin_apis_) {
    if (api.api_key == api_key) return api.name;
  }
  return {};
}

std::vector<std::string> RequestLog::configure(const sdk::ConfigView& config) {
  std::vector<NamedApi> all = plugin_apis_;
  for (const auto& api : protocol::all_apis()) all.push_back({api.api_key, api.name});
  std::vector<int16_t> wanted;
  std::vector<std::string> unknown;
  for (const auto& name : config.get_list(kRequestLogApisKey)) {
    bool found = false;
    for (const auto& api : all) {
      if (name == "*" || name == api.name) {
        wanted.push_back(api.api_key);
        found = true;
      }
    }
    if (!found) unknown.push_back(name);
  }
  auto is_wanted = [&wanted](int16_t key) {
    return std::find(wanted.begin(), wanted.end(), key) != wanted.end();
  };
  for (size_t i = 0; i < enabled_.size(); ++i) {
    enabled_[i].store(is_wanted(static_cast<int16_t>(i)), std::memory_order_relaxed);
  }
  for (size_t i = 0; i < plugin_apis_.size(); ++i) {
    plugin_enabled_[i].store(is_wanted(plugin_apis_[i].api_key), std::memory_order_relaxed);
  }
  return unknown;
}

void RequestLog::log(const Entry& e) {
  if (!logger_.enabled(sdk::LogLevel::kInfo)) return;
  const std::string_view name = name_of(e.api_key);
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

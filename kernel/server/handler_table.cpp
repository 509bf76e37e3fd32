#include "kernel/server/handler_table.h"

#include <stdexcept>
#include <string>

#include "kernel/protocol/generated/api_table.h"

namespace skiff::kernel::server {

void HandlerTable::add_entry(Entry entry) {
  if (entry.api_key < 0 || find(entry.api_key) != nullptr) {
    throw std::invalid_argument("api key " + std::to_string(entry.api_key) +
                                " is negative or already served");
  }
  const int16_t api_key = entry.api_key;
  entries_[api_key] = std::move(entry);
}

HandlerTable::HeaderVersions HandlerTable::header_versions(const Entry* entry, int16_t api_key,
                                                          int16_t api_version) {
  if (int16_t request = protocol::request_header_version(api_key, api_version); request >= 0) {
    return {request, protocol::response_header_version(api_key, api_version)};
  }
  if (entry == nullptr) return {};
  const bool flexible =
      entry->first_flexible_version >= 0 && api_version >= entry->first_flexible_version;
  return flexible ? HeaderVersions{2, 1} : HeaderVersions{1, 0};
}

void HandlerTable::remove_plugin_entries() {
  entries_.erase_if([](const Entry& e) { return !e.plugin.empty(); });
}

}  // namespace skiff::kernel::server

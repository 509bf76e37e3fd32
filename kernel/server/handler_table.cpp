#include "kernel/server/handler_table.h"

#include <stdexcept>
#include <string>

namespace skiff::kernel::server {

void HandlerTable::add_entry(Entry entry) {
  if (entry.api_key < 0 || find(entry.api_key) != nullptr) {
    throw std::invalid_argument("api key " + std::to_string(entry.api_key) +
                                " is negative or already served");
  }
  const int16_t api_key = entry.api_key;
  entries_[api_key] = std::move(entry);
}

void HandlerTable::remove_plugin_entries() {
  entries_.erase_if([](const Entry& e) { return !e.plugin.empty(); });
}

}  // namespace skiff::kernel::server

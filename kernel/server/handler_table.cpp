#include "kernel/server/handler_table.h"

#include <stdexcept>
#include <string>

namespace skiff::kernel::server {

void HandlerTable::add_entry(Entry entry) {
  if (entry.api_key < 0 || find(entry.api_key) != nullptr) {
    throw std::invalid_argument("api key " + std::to_string(entry.api_key) +
                                " is negative or already served");
  }
  if (static_cast<size_t>(entry.api_key) < entries_.size()) {
    entries_[static_cast<size_t>(entry.api_key)] = std::move(entry);
    return;
  }
  auto at = std::lower_bound(extra_.begin(), extra_.end(), entry.api_key,
                             [](const Entry& e, int16_t key) { return e.api_key < key; });
  extra_.insert(at, std::move(entry));
}

void HandlerTable::remove_plugin_entries() {
  for (auto& e : entries_) {
    if (!e.plugin.empty()) e = Entry{};
  }
  extra_.clear();
}

}  // namespace skiff::kernel::server

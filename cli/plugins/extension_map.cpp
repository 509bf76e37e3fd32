// Registering and looking up extension implementations.
#include "plugins/extension_map.h"

#include <stdexcept>

namespace skiff::cli {

void ExtensionMap::add_erased(std::string_view point, std::string name,
                              std::shared_ptr<void> implementation) {
  auto key = std::make_pair(std::string(point), name);
  if (auto it = entries_.find(key); it != entries_.end()) {
    throw std::runtime_error("plugin " + registrant_ + " registers " + std::string(point) + " '" +
                             name + "', already registered by plugin " + it->second.plugin);
  }
  entries_.emplace(std::move(key), Found{std::move(implementation), registrant_});
}

std::optional<ExtensionMap::Found> ExtensionMap::lookup(std::string_view point,
                                                        std::string_view name) const {
  if (name.empty()) {
    // Nothing in the CLI selects an implementation by config; the only one will do.
    std::optional<Found> only;
    for (const auto& [key, found] : entries_) {
      if (key.first != point) continue;
      if (only) return std::nullopt;
      only = found;
    }
    return only;
  }
  auto it = entries_.find(std::make_pair(std::string(point), std::string(name)));
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> ExtensionMap::names(std::string_view point) const {
  std::vector<std::string> out;
  for (const auto& [key, found] : entries_) {
    if (key.first == point) out.push_back(key.second);
  }
  return out;
}

std::shared_ptr<void> ExtensionMap::find_erased(std::string_view point,
                                                std::string_view name) const {
  auto found = lookup(point, name);
  return found ? found->implementation : nullptr;
}

}  // namespace skiff::cli

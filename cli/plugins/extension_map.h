// The CLI's ExtensionRegistry: implementations by extension point and name, each
// remembered with the plugin that registered it (so that plugin alone gets started).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "skiff/sdk/plugin.h"

namespace skiff::cli {

class ExtensionMap : public sdk::ExtensionRegistry {
 public:
  // The plugin whose configure() is running; what it adds is recorded as its own.
  void set_registrant(std::string plugin) { registrant_ = std::move(plugin); }

  struct Found {
    std::shared_ptr<void> implementation;
    std::string plugin;
  };
  std::optional<Found> lookup(std::string_view point, std::string_view name) const;
  std::vector<std::string> names(std::string_view point) const;
  // Releases every implementation (before their plugins are unloaded).
  void clear() { entries_.clear(); }

 protected:
  void add_erased(std::string_view point, std::string name,
                  std::shared_ptr<void> implementation) override;
  std::shared_ptr<void> find_erased(std::string_view point, std::string_view name) const override;

 private:
  std::map<std::pair<std::string, std::string>, Found, std::less<>> entries_;
  std::string registrant_;
};

}  // namespace skiff::cli

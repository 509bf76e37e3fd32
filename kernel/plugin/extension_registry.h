// ExtensionRegistryImpl: the kernel's sdk::ExtensionRegistry. Implementations are
// kept per extension point ("storage", "controller", ...) by name, with the plugin
// that registered them. The configuration *selects* one per point
// (storage.engine=log -> select("storage", "log", "storage.engine")), which is
// what find<Interface>() with an empty name returns.
//
// Thread-safe: lookups may come from any thread while nothing is registered.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "skiff/sdk/plugin.h"

namespace skiff::kernel {

class ExtensionRegistryImpl final : public sdk::ExtensionRegistry {
 public:
  static constexpr std::string_view kKernelOwner = "kernel";

  // Registers `implementation` as `name` for `point`, owned by `owner`. Throws
  // PluginError if that name is already taken for the point (naming both owners).
  void add_owned(std::string_view owner, std::string_view point, std::string name,
                 std::shared_ptr<void> implementation);

  // The implementation named `name`, or the selected one if `name` is empty.
  // Null if there is none, or if nothing is selected for the point.
  std::shared_ptr<void> lookup(std::string_view point, std::string_view name) const;

  // Chooses the implementation find() returns for an empty name. `origin` names
  // the setting it came from (e.g. "storage.engine") for error messages. An empty
  // name selects nothing (e.g. no authorizer).
  void select(std::string_view point, std::string name, std::string origin = {});
  std::optional<std::string> selected(std::string_view point) const;

  // One message per selection whose implementation is not registered, e.g.
  //   storage.engine=lsm: no 'storage' extension named 'lsm'; available: log, memory
  // Call after every plugin is configured.
  std::vector<std::string> check_selections() const;

  // Registered names for `point`, sorted.
  std::vector<std::string> names(std::string_view point) const;
  // Everything registered for `point`, by name: for points where every
  // implementation is used, not one selected (request handlers).
  struct Owned {
    std::string name;
    std::string owner;
    std::shared_ptr<void> implementation;
  };
  std::vector<Owned> all(std::string_view point) const;
  // Drops everything `owner` registered (before its plugin's code is unloaded).
  void remove_owned_by(std::string_view owner);

 protected:
  void add_erased(std::string_view point, std::string name,
                  std::shared_ptr<void> implementation) override;
  std::shared_ptr<void> find_erased(std::string_view point, std::string_view name) const override;

 private:
  struct Registered {
    std::shared_ptr<void> implementation;
    std::string owner;
  };
  struct Selection {
    std::string name;
    std::string origin;
  };
  using Point = std::map<std::string, Registered, std::less<>>;

  std::vector<std::string> names_locked(std::string_view point) const;

  mutable std::shared_mutex mutex_;
  std::map<std::string, Point, std::less<>> points_;
  std::map<std::string, Selection, std::less<>> selections_;
};

}  // namespace skiff::kernel

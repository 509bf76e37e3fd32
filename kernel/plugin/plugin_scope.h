// PluginScope: what one plugin sees of the host. Everything is the kernel's host,
// except that extensions it registers are recorded as owned by that plugin — so
// duplicate registrations name both plugins, and a plugin's extensions can be
// dropped before its code is unloaded.
#pragma once

#include <string>

#include "kernel/plugin/extension_registry.h"
#include "skiff/sdk/plugin.h"

namespace skiff::kernel {

class PluginScope final : public sdk::Host {
 public:
  PluginScope(std::string plugin_name, sdk::Host& kernel, ExtensionRegistryImpl& registry)
      : kernel_(kernel), extensions_(std::move(plugin_name), registry) {}

  const sdk::ConfigView& config() const override { return kernel_.config(); }
  sdk::Logger& logger(std::string_view subsystem) override { return kernel_.logger(subsystem); }
  sdk::Scheduler& scheduler() override { return kernel_.scheduler(); }
  sdk::ExtensionRegistry& extensions() override { return extensions_; }
  int32_t node_id() const override { return kernel_.node_id(); }
  sdk::MetricsRegistry& metrics() override { return kernel_.metrics(); }
  const sdk::Health& health() const override { return kernel_.health(); }

 private:
  class OwnedExtensions final : public sdk::ExtensionRegistry {
   public:
    OwnedExtensions(std::string owner, ExtensionRegistryImpl& registry)
        : owner_(std::move(owner)), registry_(registry) {}

   protected:
    void add_erased(std::string_view point, std::string name,
                    std::shared_ptr<void> implementation) override {
      registry_.add_owned(owner_, point, std::move(name), std::move(implementation));
    }
    std::shared_ptr<void> find_erased(std::string_view point, std::string_view name) const override {
      return registry_.lookup(point, name);
    }

   private:
    std::string owner_;
    ExtensionRegistryImpl& registry_;
  };

  sdk::Host& kernel_;
  OwnedExtensions extensions_;
};

}  // namespace skiff::kernel

// What a plugin is: a shared object exporting one descriptor, whose Plugin object
// declares config keys, registers implementations of extension points, and follows
// the kernel's lifecycle (configure -> start -> stop, stop in reverse load order).
//
//   class MyPlugin : public skiff::sdk::Plugin { ... };
//   SKIFF_PLUGIN(MyPlugin, "my-plugin", "What it does")
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "skiff/sdk/config.h"
#include "skiff/sdk/health.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/metrics.h"
#include "skiff/sdk/scheduler.h"
#include "skiff/sdk/version.h"

namespace skiff::sdk {

// Typed registry of extension point implementations. An interface names its
// extension point with `static constexpr std::string_view kExtensionPoint`.
class ExtensionRegistry {
 public:
  virtual ~ExtensionRegistry() = default;

  template <class Interface>
  void add(std::string name, std::shared_ptr<Interface> implementation) {
    add_erased(Interface::kExtensionPoint, std::move(name), std::move(implementation));
  }
  // The implementation registered under `name`; an empty name asks for the one
  // the configuration selected (e.g. storage.engine=log). Null if none.
  template <class Interface>
  std::shared_ptr<Interface> find(std::string_view name = {}) const {
    return std::static_pointer_cast<Interface>(find_erased(Interface::kExtensionPoint, name));
  }

 protected:
  virtual void add_erased(std::string_view point, std::string name,
                          std::shared_ptr<void> implementation) = 0;
  virtual std::shared_ptr<void> find_erased(std::string_view point,
                                            std::string_view name) const = 0;
};

// Services the kernel offers every plugin.
class Host {
 public:
  virtual ~Host() = default;
  virtual const ConfigView& config() const = 0;
  virtual Logger& logger(std::string_view subsystem) = 0;
  virtual Scheduler& scheduler() = 0;
  virtual ExtensionRegistry& extensions() = 0;
  virtual int32_t node_id() const = 0;
  // Counters, gauges and histograms every plugin may register (metrics.h). Hosts
  // that export nothing (the CLI) keep the default, which discards them.
  virtual MetricsRegistry& metrics() {
    static DiscardingMetricsRegistry discarding;
    return discarding;
  }
  // Readiness of the whole broker (health.h).
  virtual const Health& health() const {
    static const AlwaysReady ready;
    return ready;
  }
};

class Plugin {
 public:
  virtual ~Plugin() = default;
  // Declare every config key this plugin reads, so the kernel can validate files.
  virtual void declare_config(ConfigSchema& /*schema*/) {}
  // Read config and register extension implementations with host.extensions().
  virtual void configure(Host& host) = 0;
  // Other plugins' extensions may be looked up from here on.
  virtual void start() {}
  virtual void stop() {}
  // Dynamic keys changed (SIGHUP or an admin call); `config` is the new config.
  virtual void reconfigure(const ConfigView& /*config*/) {}
};

// Exported by every plugin as `skiff_plugin_descriptor`. abi_version stays the
// first member forever, so the kernel can read it from any plugin.
struct PluginDescriptor {
  uint32_t abi_version;
  const char* name;
  const char* version;
  const char* description;
  Plugin* (*create)();
};

}  // namespace skiff::sdk

#define SKIFF_PLUGIN_DESCRIPTOR_SYMBOL "skiff_plugin_descriptor"

#define SKIFF_PLUGIN(PluginClass, plugin_name, plugin_description)                         \
  extern "C" __attribute__((visibility("default"))) const ::skiff::sdk::PluginDescriptor* \
  skiff_plugin_descriptor() {                                                            \
    static const ::skiff::sdk::PluginDescriptor descriptor{                              \
        SKIFF_SDK_ABI_VERSION, plugin_name, SKIFF_SDK_VERSION_STRING, plugin_description, \
        []() -> ::skiff::sdk::Plugin* { return new PluginClass(); }};                    \
    return &descriptor;                                                                  \
  }

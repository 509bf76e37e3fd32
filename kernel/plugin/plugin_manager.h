// PluginManager: the plugins' lifecycle, in one fixed order.
//   load (plugin.path order) -> declare_config -> configure -> start
//   stop in reverse order; reconfigure on dynamic config changes.
// An exception thrown by a plugin becomes a PluginError naming the plugin and the
// stage; startup stages stop at the first failure (start() first stops the plugins
// it already started), while stop() and reconfigure() go on with the others.
//
// Teardown (destructor): stop if running, drop every plugin's extensions from the
// registry, destroy the plugin objects in reverse order, then unload their code.
// Whoever else holds extension pointers must drop them before that.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/config/config_schema_registry.h"
#include "kernel/plugin/extension_registry.h"
#include "kernel/plugin/plugin_library.h"
#include "kernel/plugin/plugin_scope.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/plugin.h"

namespace skiff::kernel {

class PluginManager {
 public:
  // `log` reports loading and stop/reconfigure failures; both must outlive the manager.
  PluginManager(ExtensionRegistryImpl& registry, sdk::Logger& log);
  ~PluginManager();
  PluginManager(const PluginManager&) = delete;
  PluginManager& operator=(const PluginManager&) = delete;

  // Loads every plugin found on `plugin_path` (see plugin_discovery.h). Missing
  // path entries are logged as warnings. Throws PluginError listing every plugin
  // that could not be loaded (plugins that loaded stay loaded).
  void load_from_path(std::string_view plugin_path);
  // Loads one plugin file; throws PluginError (also for a duplicate plugin name).
  void load_file(const std::filesystem::path& file);

  // Each plugin declares its keys, owned by the plugin's name.
  void declare_config(ConfigSchemaRegistry& schema);
  // Each plugin, in load order, configures itself against `host` (through its own
  // PluginScope). `host` must outlive the manager.
  void configure(sdk::Host& host);
  void start();
  // Stops the started plugins in reverse order; returns the failures (also logged).
  std::vector<std::string> stop();
  // Forwards a dynamic config change to every started plugin; returns the failures.
  std::vector<std::string> reconfigure(const sdk::ConfigView& config);

  std::vector<PluginInfo> plugins() const;

 private:
  struct Loaded {
    std::unique_ptr<PluginLibrary> library;
    std::unique_ptr<PluginScope> scope;  // set by configure()
  };

  // Runs `stage` of one plugin, turning any exception into a message.
  template <class Fn>
  std::string run_stage(Loaded& plugin, std::string_view stage, Fn&& fn);
  std::string failure(const Loaded& plugin, std::string_view stage, std::string_view what) const;

  ExtensionRegistryImpl& registry_;
  sdk::Logger& log_;
  std::vector<Loaded> plugins_;
  size_t started_ = 0;  // plugins_[0, started_) are started
};

}  // namespace skiff::kernel

// The plugins of one directory, hosted by the CLI to obtain one extension (e.g. the
// partitioner `skiff produce --partitioner NAME` asks for).
//
// Every *.so is opened and ABI-checked and declares its config up front; configure()
// is called lazily, plugins most likely to provide the name first, stopping at the
// first match. That keeps broker plugins sharing the directory (storage, controller)
// from being configured by a command that only wants a partitioner.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/properties.h"
#include "plugins/cli_host.h"
#include "plugins/extension_map.h"
#include "plugins/plugin_config.h"
#include "plugins/plugin_library.h"
#include "plugins/unsupported_scheduler.h"

namespace skiff::cli {

class PluginSet {
 public:
  // CommandError if the directory can't be read or any plugin in it fails to load;
  // UsageError if a property fails its declared key's validation.
  PluginSet(const std::filesystem::path& directory, const std::vector<Property>& properties);
  // Releases implementations, stops the started plugin, destroys plugins, unloads.
  ~PluginSet();
  PluginSet(const PluginSet&) = delete;
  PluginSet& operator=(const PluginSet&) = delete;

  // The implementation of Interface registered as `name`, with its plugin started.
  // CommandError listing what is available (and plugins that failed) if none is.
  template <class Interface>
  std::shared_ptr<Interface> find(const std::string& name) {
    return std::static_pointer_cast<Interface>(find_erased(Interface::kExtensionPoint, name));
  }

 private:
  struct Loaded {
    std::unique_ptr<PluginLibrary> library;  // declared first: unloaded last
    std::unique_ptr<CliHost> host;
    std::unique_ptr<sdk::Plugin> plugin;
    bool configured = false;
    bool started = false;
    std::string failure;  // why configure() failed, if it did
  };

  std::shared_ptr<void> find_erased(std::string_view point, const std::string& name);
  std::vector<Loaded*> configure_order(const std::string& name);
  void configure(Loaded& loaded);
  void start_owner(const std::string& plugin_name);
  std::string not_found(std::string_view point, const std::string& name) const;

  std::filesystem::path directory_;
  PluginConfig config_;
  UnsupportedScheduler scheduler_;
  ExtensionMap extensions_;
  std::vector<Loaded> loaded_;
};

}  // namespace skiff::cli

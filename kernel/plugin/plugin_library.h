// PluginLibrary: one plugin shared object, opened with Boost.DLL, its descriptor
// checked (ABI version first, since nothing else in it can be trusted before),
// and its Plugin object created. The Plugin object is destroyed before the code
// it lives in is unloaded.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <boost/dll/shared_library.hpp>

#include "skiff/sdk/plugin.h"

namespace skiff::kernel {

struct PluginInfo {
  std::string name;
  std::string version;  // the SDK version it was built with
  std::string description;
  std::filesystem::path file;
};

class PluginLibrary {
 public:
  // Throws PluginError naming `file` when it cannot be loaded, lacks the
  // descriptor symbol, was built for another ABI, or its plugin cannot be created.
  static std::unique_ptr<PluginLibrary> open(const std::filesystem::path& file);

  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const PluginInfo& info() const { return info_; }
  sdk::Plugin& plugin() { return *plugin_; }

  // Destroys the Plugin object, keeping the code loaded (so objects it handed out
  // can still be released). The destructor does this too.
  void destroy_plugin();

 private:
  PluginLibrary(boost::dll::shared_library library, PluginInfo info,
                std::unique_ptr<sdk::Plugin> plugin);

  boost::dll::shared_library library_;  // declared first: unloaded last
  PluginInfo info_;
  std::unique_ptr<sdk::Plugin> plugin_;
};

}  // namespace skiff::kernel

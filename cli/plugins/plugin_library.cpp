// Loading plugin shared objects with dlopen and checking their ABI version.
#include "plugins/plugin_library.h"

#include <dlfcn.h>

#include "common/errors.h"

namespace skiff::cli {

namespace {
// SKIFF_PLUGIN exports the descriptor through an accessor function.
using DescriptorAccessor = const sdk::PluginDescriptor* (*)();
}  // namespace

std::unique_ptr<PluginLibrary> PluginLibrary::open(const std::filesystem::path& file) {
  // RTLD_NOW: report unresolved symbols here, naming the file, not at a later call.
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw CommandError("cannot load plugin " + file.string() + ": " + dlerror());
  auto close_on_error = [&](const std::string& message) {
    dlclose(handle);
    throw CommandError(message);
  };
  auto accessor =
      reinterpret_cast<DescriptorAccessor>(dlsym(handle, SKIFF_PLUGIN_DESCRIPTOR_SYMBOL));
  if (!accessor) {
    close_on_error(file.string() + " is not a skiff plugin: it exports no " +
                   SKIFF_PLUGIN_DESCRIPTOR_SYMBOL);
  }
  const sdk::PluginDescriptor* descriptor = accessor();
  if (!descriptor) close_on_error(file.string() + ": " + SKIFF_PLUGIN_DESCRIPTOR_SYMBOL + " returned null");
  // Only abi_version is read before the check: it is the one field whose place every
  // ABI version shares.
  if (descriptor->abi_version != SKIFF_SDK_ABI_VERSION) {
    close_on_error("plugin " + file.string() + " was built for SDK ABI version " +
                   std::to_string(descriptor->abi_version) + ", but this skiff uses ABI version " +
                   std::to_string(SKIFF_SDK_ABI_VERSION) + "; rebuild the plugin against SDK " +
                   SKIFF_SDK_VERSION_STRING);
  }
  return std::unique_ptr<PluginLibrary>(new PluginLibrary(file, handle, descriptor));
}

PluginLibrary::~PluginLibrary() { dlclose(handle_); }

std::unique_ptr<sdk::Plugin> PluginLibrary::create() const {
  try {
    std::unique_ptr<sdk::Plugin> plugin(descriptor_->create());
    if (!plugin) throw std::runtime_error("create() returned null");
    return plugin;
  } catch (const std::exception& e) {
    throw CommandError("plugin " + file_.string() + ": " + e.what());
  }
}

}  // namespace skiff::cli

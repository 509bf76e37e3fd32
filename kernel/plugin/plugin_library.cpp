#include "kernel/plugin/plugin_library.h"

#include <dlfcn.h>

#include "kernel/plugin/plugin_error.h"

namespace skiff::kernel {

namespace {

using DescriptorFn = const sdk::PluginDescriptor*();

const sdk::PluginDescriptor* read_descriptor(boost::dll::shared_library& library,
                                             const std::string& file) {
  if (!library.has(SKIFF_PLUGIN_DESCRIPTOR_SYMBOL)) {
    throw PluginError("cannot load plugin " + file + ": it does not export " +
                      SKIFF_PLUGIN_DESCRIPTOR_SYMBOL +
                      " (is it a Skiff plugin built with SKIFF_PLUGIN(...)?)");
  }
  const sdk::PluginDescriptor* descriptor = library.get<DescriptorFn>(SKIFF_PLUGIN_DESCRIPTOR_SYMBOL)();
  if (!descriptor) throw PluginError("cannot load plugin " + file + ": its descriptor is null");
  // abi_version is the only member whose layout every ABI shares: check it first.
  if (descriptor->abi_version != SKIFF_SDK_ABI_VERSION) {
    throw PluginError("cannot load plugin " + file + ": it was built for plugin ABI " +
                      std::to_string(descriptor->abi_version) + ", but this broker's plugin ABI is " +
                      std::to_string(SKIFF_SDK_ABI_VERSION) +
                      "; rebuild the plugin against skiff-sdk " SKIFF_SDK_VERSION_STRING);
  }
  if (!descriptor->name || !*descriptor->name || !descriptor->create) {
    throw PluginError("cannot load plugin " + file + ": its descriptor has no name or no create function");
  }
  return descriptor;
}

std::unique_ptr<sdk::Plugin> create_plugin(const sdk::PluginDescriptor& descriptor,
                                           const std::string& file) {
  std::unique_ptr<sdk::Plugin> plugin;
  try {
    plugin.reset(descriptor.create());
  } catch (const std::exception& e) {
    throw PluginError("plugin '" + std::string(descriptor.name) + "' (" + file +
                      ") failed in create: " + e.what());
  } catch (...) {
    throw PluginError("plugin '" + std::string(descriptor.name) + "' (" + file +
                      ") failed in create: unknown exception");
  }
  if (!plugin) {
    throw PluginError("plugin '" + std::string(descriptor.name) + "' (" + file + ") created no plugin object");
  }
  return plugin;
}

}  // namespace

std::unique_ptr<PluginLibrary> PluginLibrary::open(const std::filesystem::path& file) {
  const std::string name = file.string();
  boost::dll::shared_library library;
  boost::dll::fs::error_code ec;
  // rtld_local: plugins do not see each other's symbols; they meet only through
  // the extension registry.
  library.load(boost::dll::fs::path(name),
               boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local, ec);
  if (ec) {
    // dlerror() says why (missing file, undefined symbol, wrong architecture);
    // Boost's own message does not.
    const char* why = ::dlerror();
    throw PluginError("cannot load plugin " + name + ": " + (why ? why : ec.message()));
  }
  // Keep the code mapped after unload: objects a plugin made (SASL sessions held by
  // connections, timer callbacks) may be destroyed after the plugin object itself
  // during shutdown, and plugins' thread_local buffers (the storage engine's
  // decompressor and direct-write staging) are destroyed when each I/O thread exits;
  // their destructors live in the plugin's code.
  ::dlopen(name.c_str(), RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE);
  const sdk::PluginDescriptor* descriptor = read_descriptor(library, name);
  PluginInfo info{descriptor->name, descriptor->version ? descriptor->version : "",
                  descriptor->description ? descriptor->description : "", file};
  auto plugin = create_plugin(*descriptor, name);
  return std::unique_ptr<PluginLibrary>(
      new PluginLibrary(std::move(library), std::move(info), std::move(plugin)));
}

PluginLibrary::PluginLibrary(boost::dll::shared_library library, PluginInfo info,
                             std::unique_ptr<sdk::Plugin> plugin)
    : library_(std::move(library)), info_(std::move(info)), plugin_(std::move(plugin)) {}

PluginLibrary::~PluginLibrary() { destroy_plugin(); }

void PluginLibrary::destroy_plugin() { plugin_.reset(); }

}  // namespace skiff::kernel

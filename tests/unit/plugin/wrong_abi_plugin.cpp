// A test plugin claiming a future ABI version, written by hand as an old or new
// SDK would: the kernel must refuse it after reading abi_version only.
#include "skiff/sdk/plugin.h"

extern "C" __attribute__((visibility("default"))) const skiff::sdk::PluginDescriptor*
skiff_plugin_descriptor() {
  static const skiff::sdk::PluginDescriptor descriptor{
      SKIFF_SDK_ABI_VERSION + 1000, "wrong-abi", "99.0.0", "Built for another ABI",
      []() -> skiff::sdk::Plugin* { return nullptr; }};
  return &descriptor;
}

// Test plugin: a descriptor claiming a future ABI version, to check that `skiff
// produce` refuses it with an error naming the file and both versions.
#include "skiff/sdk/plugin.h"

namespace {
constexpr uint32_t kFutureAbi = SKIFF_SDK_ABI_VERSION + 1000;
}  // namespace

extern "C" __attribute__((visibility("default"))) const skiff::sdk::PluginDescriptor*
skiff_plugin_descriptor() {
  // create is never called: the loader must stop at the version.
  static const skiff::sdk::PluginDescriptor descriptor{kFutureAbi, "wrong-abi", "9.9.9",
                                                       "Built for another ABI (tests only)",
                                                       nullptr};
  return &descriptor;
}

// Finding plugin files: `plugin.path` lists directories (or single .so files),
// separated by ':' or ','. Each directory contributes its `*.so` files in lexical
// order of file name; entries keep their order in the path. That order is the
// load order, hence the lifecycle order.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace skiff::kernel {

struct DiscoveredPlugins {
  std::vector<std::filesystem::path> files;
  std::vector<std::filesystem::path> missing;  // path entries that do not exist
};

DiscoveredPlugins discover_plugins(std::string_view plugin_path);

}  // namespace skiff::kernel

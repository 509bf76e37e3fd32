#include "kernel/plugin/plugin_discovery.h"

#include <algorithm>
#include <system_error>

namespace skiff::kernel {

namespace fs = std::filesystem;

namespace {

std::vector<std::string_view> split_path(std::string_view plugin_path) {
  std::vector<std::string_view> entries;
  size_t start = 0;
  while (start <= plugin_path.size()) {
    size_t end = plugin_path.find_first_of(":,", start);
    if (end == std::string_view::npos) end = plugin_path.size();
    std::string_view entry = plugin_path.substr(start, end - start);
    auto b = entry.find_first_not_of(" \t");
    if (b != std::string_view::npos) {
      entry = entry.substr(b, entry.find_last_not_of(" \t") - b + 1);
      entries.push_back(entry);
    }
    start = end + 1;
  }
  return entries;
}

bool is_shared_object(const fs::directory_entry& entry) {
  std::error_code ec;
  return entry.path().extension() == ".so" && entry.is_regular_file(ec);
}

}  // namespace

DiscoveredPlugins discover_plugins(std::string_view plugin_path) {
  DiscoveredPlugins out;
  for (auto entry : split_path(plugin_path)) {
    fs::path path(entry);
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
      out.files.push_back(path);
      continue;
    }
    if (!fs::is_directory(path, ec)) {
      out.missing.push_back(path);
      continue;
    }
    std::vector<fs::path> found;
    for (const auto& child : fs::directory_iterator(path, ec)) {
      if (is_shared_object(child)) found.push_back(child.path());
    }
    std::sort(found.begin(), found.end(),
              [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
    out.files.insert(out.files.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace skiff::kernel

// One plugin shared object opened with dlopen: its `skiff_plugin_descriptor`, checked
// against this program's SDK ABI version before anything else of it is used.
#pragma once

#include <filesystem>
#include <memory>

#include "skiff/sdk/plugin.h"

namespace skiff::cli {

class PluginLibrary {
 public:
  // CommandError naming the file if it can't be loaded, exports no descriptor, or was
  // built for another ABI version (naming both versions).
  static std::unique_ptr<PluginLibrary> open(const std::filesystem::path& file);
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::filesystem::path& file() const { return file_; }
  const sdk::PluginDescriptor& descriptor() const { return *descriptor_; }
  // A new instance of the plugin; CommandError if its factory fails.
  std::unique_ptr<sdk::Plugin> create() const;

 private:
  PluginLibrary(std::filesystem::path file, void* handle, const sdk::PluginDescriptor* descriptor)
      : file_(std::move(file)), handle_(handle), descriptor_(descriptor) {}

  std::filesystem::path file_;
  void* handle_;
  const sdk::PluginDescriptor* descriptor_;
};

}  // namespace skiff::cli

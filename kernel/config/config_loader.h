// Reading the static config layers, later layers winning:
//   1. the main file (server.properties)
//   2. every `*.conf` in the conf.d directory, in lexical order of file name; the
//      directory is `conf.d/` beside the main file, or the one named by
//      `config.d.dir` (relative paths are relative to the main file's directory)
//   3. `--override key=value` arguments, in order
// Dynamic values (from the controller) are layered on top by the ConfigStore.
// Nothing is validated here: plugins that declare keys may not be loaded yet.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/config/config_error.h"
#include "kernel/config/config_schema_registry.h"
#include "kernel/config/raw_config.h"

namespace skiff::kernel {

struct LoadOptions {
  std::filesystem::path main_file;     // empty: no main file (and no default conf.d)
  std::vector<std::string> overrides;  // "key=value"
};

struct LoadedLayers {
  RawConfig values;
  std::vector<std::string> files;       // files read, in order
  std::vector<ConfigProblem> problems;       // unreadable files, malformed lines/overrides
};

// The key naming the conf.d directory.
inline constexpr std::string_view kConfigDirKey = "config.d.dir";

LoadedLayers load_config_layers(const LoadOptions& options);

// A value needed before validation is possible (e.g. `plugin.path`, which says
// where the plugins declaring the other keys are): the explicit value, else the
// declared default, else empty.
std::string bootstrap_value(const RawConfig& values, const ConfigSchemaRegistry& schema,
                            std::string_view key);

}  // namespace skiff::kernel

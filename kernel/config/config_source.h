// Where an effective config value came from: a file line, the declared default,
// a `--override key=value` argument, or a dynamic update from the controller.
// Rendered as "path:line", "default", "override" or "dynamic".
#pragma once

#include <string>

namespace skiff::kernel {

struct ConfigSource {
  enum class Kind { kDefault, kFile, kOverride, kDynamic };

  Kind kind = Kind::kDefault;
  std::string file;  // kFile only
  int line = 0;      // kFile only, 1-based

  static ConfigSource from_file(std::string file, int line) {
    return {Kind::kFile, std::move(file), line};
  }
  static ConfigSource override_arg() { return {Kind::kOverride, {}, 0}; }
  static ConfigSource dynamic() { return {Kind::kDynamic, {}, 0}; }
  static ConfigSource default_value() { return {Kind::kDefault, {}, 0}; }

  std::string to_string() const {
    switch (kind) {
      case Kind::kFile: return file + ":" + std::to_string(line);
      case Kind::kOverride: return "override";
      case Kind::kDynamic: return "dynamic";
      case Kind::kDefault: break;
    }
    return "default";
  }
  bool operator==(const ConfigSource&) const = default;
};

}  // namespace skiff::kernel

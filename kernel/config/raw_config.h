// RawConfig: explicitly set config values (from files, conf.d, overrides or dynamic
// updates) by key, each with its source; defaults are not in it.
#pragma once

#include <map>
#include <string>

#include "kernel/config/config_source.h"

namespace skiff::kernel {

struct RawValue {
  std::string value;
  ConfigSource source;
};

using RawConfig = std::map<std::string, RawValue, std::less<>>;

}  // namespace skiff::kernel

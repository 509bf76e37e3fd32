// Log level vocabulary: level names as written in config and log lines, and the
// per-subsystem override syntax of `log.levels` ("net=debug,storage=warn").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "skiff/sdk/log.h"

namespace skiff::kernel {

// "trace", "debug", "info", "warn" (or "warning"), "error"; case-insensitive.
std::optional<sdk::LogLevel> parse_log_level(std::string_view name);

// Upper-case name used in log lines: "TRACE", "DEBUG", "INFO", "WARN", "ERROR".
std::string_view log_level_name(sdk::LogLevel level);

using LevelOverrides = std::map<std::string, sdk::LogLevel, std::less<>>;

struct LevelOverridesParse {
  LevelOverrides overrides;
  std::string error;  // empty when the spec was valid
};

// Parses "net=debug, storage=warn". Whitespace around entries is ignored, empty
// entries are skipped; the error names the first malformed entry.
LevelOverridesParse parse_level_overrides(std::string_view spec);

}  // namespace skiff::kernel

#include "kernel/logging/log_level.h"

#include <algorithm>
#include <cctype>

namespace skiff::kernel {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::optional<sdk::LogLevel> parse_log_level(std::string_view name) {
  std::string n = lower(trim(name));
  if (n == "trace") return sdk::LogLevel::kTrace;
  if (n == "debug") return sdk::LogLevel::kDebug;
  if (n == "info") return sdk::LogLevel::kInfo;
  if (n == "warn" || n == "warning") return sdk::LogLevel::kWarn;
  if (n == "error") return sdk::LogLevel::kError;
  return std::nullopt;
}

std::string_view log_level_name(sdk::LogLevel level) {
  switch (level) {
    case sdk::LogLevel::kTrace: return "TRACE";
    case sdk::LogLevel::kDebug: return "DEBUG";
    case sdk::LogLevel::kInfo: return "INFO";
    case sdk::LogLevel::kWarn: return "WARN";
    case sdk::LogLevel::kError: return "ERROR";
  }
  return "?";
}

LevelOverridesParse parse_level_overrides(std::string_view spec) {
  LevelOverridesParse result;
  while (!spec.empty()) {
    auto comma = spec.find(',');
    std::string_view entry = trim(spec.substr(0, comma));
    spec = comma == std::string_view::npos ? std::string_view{} : spec.substr(comma + 1);
    if (entry.empty()) continue;
    auto eq = entry.find('=');
    std::string_view subsystem = eq == std::string_view::npos ? entry : trim(entry.substr(0, eq));
    std::optional<sdk::LogLevel> level;
    if (eq != std::string_view::npos) level = parse_log_level(entry.substr(eq + 1));
    if (subsystem.empty() || !level) {
      result.overrides.clear();
      result.error = "'" + std::string(entry) +
                     "' is not subsystem=level (levels: trace, debug, info, warn, error)";
      return result;
    }
    result.overrides[std::string(subsystem)] = *level;
  }
  return result;
}

}  // namespace skiff::kernel

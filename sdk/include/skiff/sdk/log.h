// Logging as plugins see it: a named logger per subsystem; the kernel decides
// format (plain or JSON lines), destination and per-subsystem level.
#pragma once

#include <string_view>

namespace skiff::sdk {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };

class Logger {
 public:
  virtual ~Logger() = default;
  virtual bool enabled(LogLevel level) const = 0;
  virtual void write(LogLevel level, std::string_view message) = 0;

  void debug(std::string_view m) { if (enabled(LogLevel::kDebug)) write(LogLevel::kDebug, m); }
  void info(std::string_view m) { if (enabled(LogLevel::kInfo)) write(LogLevel::kInfo, m); }
  void warn(std::string_view m) { if (enabled(LogLevel::kWarn)) write(LogLevel::kWarn, m); }
  void error(std::string_view m) { if (enabled(LogLevel::kError)) write(LogLevel::kError, m); }
};

}  // namespace skiff::sdk

// Writing plugin log lines to stderr.
#include "plugins/stderr_logger.h"

#include <cstdio>

namespace skiff::cli {

namespace {
const char* level_name(sdk::LogLevel level) {
  switch (level) {
    case sdk::LogLevel::kTrace: return "TRACE";
    case sdk::LogLevel::kDebug: return "DEBUG";
    case sdk::LogLevel::kInfo: return "INFO";
    case sdk::LogLevel::kWarn: return "WARN";
    case sdk::LogLevel::kError: return "ERROR";
  }
  return "?";
}
}  // namespace

void StderrLogger::write(sdk::LogLevel level, std::string_view message) {
  // One fputs per line: stdio's lock keeps lines from concurrent threads whole.
  std::string line = "[" + prefix_ + "] " + level_name(level) + " " + std::string(message) + "\n";
  std::fputs(line.c_str(), stderr);
}

}  // namespace skiff::cli

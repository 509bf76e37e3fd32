// One log line in either output format:
//   plain: 2026-11-26T08:00:00.123Z INFO [net] message
//   json:  {"ts":"2026-11-26T08:00:00.123Z","level":"INFO","subsystem":"net","msg":"message"}
// Each line ends with '\n'; JSON strings are escaped per RFC 8259, so a message
// with quotes, backslashes, newlines or control bytes still yields one valid line.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "skiff/sdk/json_string.h"

#include "skiff/sdk/log.h"

namespace skiff::kernel {

enum class LogFormat { kPlain, kJson };

// "plain" or "json", case-insensitive.
std::optional<LogFormat> parse_log_format(std::string_view name);

// Appends `s` as a quoted JSON string (shared with plugins through the SDK).
using sdk::append_json_string;

std::string format_log_line(LogFormat format, std::chrono::system_clock::time_point time,
                            sdk::LogLevel level, std::string_view subsystem,
                            std::string_view message);

}  // namespace skiff::kernel

#include "kernel/logging/log_line.h"

#include <cstdio>
#include <ctime>

#include "kernel/logging/log_level.h"

namespace skiff::kernel {

std::optional<LogFormat> parse_log_format(std::string_view name) {
  auto equals = [&](std::string_view want) {
    if (name.size() != want.size()) return false;
    for (size_t i = 0; i < name.size(); ++i) {
      if ((name[i] | 0x20) != want[i]) return false;  // ASCII case fold
    }
    return true;
  };
  if (equals("plain")) return LogFormat::kPlain;
  if (equals("json")) return LogFormat::kJson;
  return std::nullopt;
}

std::string format_log_timestamp(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  auto ms = duration_cast<milliseconds>(time.time_since_epoch()).count();
  // Floor division keeps the milliseconds in [0, 999] for times before 1970 too.
  auto secs = static_cast<std::time_t>(ms / 1000 - (ms % 1000 < 0 ? 1 : 0));
  int millis = static_cast<int>(ms - static_cast<long long>(secs) * 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[80];  // roomy: the compiler cannot bound tm_year
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf;
}


std::string format_log_line(LogFormat format, std::chrono::system_clock::time_point time,
                            sdk::LogLevel level, std::string_view subsystem,
                            std::string_view message) {
  std::string line;
  line.reserve(message.size() + subsystem.size() + 64);
  std::string ts = format_log_timestamp(time);
  if (format == LogFormat::kJson) {
    line += "{\"ts\":";
    append_json_string(line, ts);
    line += ",\"level\":";
    append_json_string(line, log_level_name(level));
    line += ",\"subsystem\":";
    append_json_string(line, subsystem);
    line += ",\"msg\":";
    append_json_string(line, message);
    line += "}\n";
  } else {
    line += ts;
    line.push_back(' ');
    line += log_level_name(level);
    line += " [";
    line += subsystem;
    line += "] ";
    line += message;
    line.push_back('\n');
  }
  return line;
}

}  // namespace skiff::kernel

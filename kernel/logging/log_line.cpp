#include "kernel/logging/log_line.h"


#include "kernel/logging/log_level.h"
#include "skiff/sdk/utc_timestamp.h"

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

std::string format_log_line(LogFormat format, std::chrono::system_clock::time_point time,
                            sdk::LogLevel level, std::string_view subsystem,
                            std::string_view message) {
  std::string line;
  line.reserve(message.size() + subsystem.size() + 64);
  std::string ts = sdk::utc_timestamp(time);
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

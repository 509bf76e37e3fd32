// UTC timestamps as logs write them: ISO 8601 with milliseconds,
// "2026-11-26T12:00:00.123Z". Shared by the broker's log lines and plugins' own
// records (audit logs), so every timestamp a Skiff operator reads looks alike.
#pragma once

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace skiff::sdk {

inline std::string utc_timestamp(std::chrono::system_clock::time_point time) {
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

}  // namespace skiff::sdk

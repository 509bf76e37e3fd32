#include <catch2/catch.hpp>

#include <map>
#include <mutex>
#include <vector>

#include "kernel/logging/log_line.h"
#include "kernel/logging/log_manager.h"
#include "kernel/logging/str_format.h"

using namespace skiff::kernel;
using skiff::sdk::LogLevel;

namespace {

class CapturingSink final : public LogSink {
 public:
  void write_line(std::string_view line) override {
    std::lock_guard lock(mutex_);
    lines.emplace_back(line);
  }
  std::vector<std::string> lines;

 private:
  std::mutex mutex_;
};

class MapView final : public skiff::sdk::ConfigView {
 public:
  explicit MapView(std::map<std::string, std::string, std::less<>> values) : values_(std::move(values)) {}
  std::optional<std::string> raw(std::string_view key) const override {
    auto it = values_.find(key);
    return it == values_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

// 2026-11-26T08:00:00.123Z
const auto kTime = std::chrono::system_clock::time_point(std::chrono::milliseconds(1795680000123LL));

}  // namespace

TEST_CASE("log lines: plain and JSON") {
  CHECK(format_log_line(LogFormat::kPlain, kTime, LogLevel::kInfo, "net", "listening on :9092") ==
        "2026-11-26T08:00:00.123Z INFO [net] listening on :9092\n");
  CHECK(format_log_line(LogFormat::kJson, kTime, LogLevel::kWarn, "storage", "a \"quoted\"\n\\ \x01") ==
        "{\"ts\":\"2026-11-26T08:00:00.123Z\",\"level\":\"WARN\",\"subsystem\":\"storage\","
        "\"msg\":\"a \\\"quoted\\\"\\n\\\\ \\u0001\"}\n");
}

TEST_CASE("log levels: names and per-subsystem overrides") {
  CHECK(parse_log_level("WARN") == LogLevel::kWarn);
  CHECK_FALSE(parse_log_level("loud"));
  auto ok = parse_level_overrides(" net=debug , storage=warn,");
  CHECK(ok.error.empty());
  CHECK(ok.overrides.at("net") == LogLevel::kDebug);
  CHECK(ok.overrides.at("storage") == LogLevel::kWarn);
  CHECK_FALSE(parse_level_overrides("net").error.empty());
  CHECK_FALSE(parse_level_overrides("net=loud").error.empty());
}

TEST_CASE("log manager: global and per-subsystem levels, changeable at runtime") {
  auto sink = std::make_shared<CapturingSink>();
  LogManager logs(sink);
  auto& net = logs.logger("net");
  auto& storage = logs.logger("storage");
  CHECK(&net == &logs.logger("net"));

  net.debug("hidden");
  net.info("shown");
  CHECK(sink->lines.size() == 1);

  logs.configure(MapView({{"log.level", "warn"}, {"log.levels", "net=debug"}, {"log.format", "json"}}));
  CHECK(net.enabled(LogLevel::kDebug));
  CHECK_FALSE(storage.enabled(LogLevel::kInfo));
  CHECK(logs.level_of("controller") == LogLevel::kWarn);
  net.debug("now shown");
  REQUIRE(sink->lines.size() == 2);
  CHECK(sink->lines[1].find("\"subsystem\":\"net\",\"msg\":\"now shown\"}") != std::string::npos);

  // A bad value changes nothing.
  CHECK_THROWS_AS(logs.configure(MapView({{"log.level", "error"}, {"log.levels", "x"}})), std::invalid_argument);
  CHECK(logs.level() == LogLevel::kWarn);

  logs.set_subsystem_levels({});
  CHECK_FALSE(net.enabled(LogLevel::kDebug));
}

TEST_CASE("str_format") {
  CHECK(str_format("{} of {}", 3, "x") == "3 of x");
  CHECK(str_format("{{}} {}", 1) == "{} 1");
  CHECK(str_format("a {} b {}", 1) == "a 1 b {}");
  CHECK(str_format("a", 1, 2) == "a 1 2");
  CHECK(str_format("none") == "none");
}

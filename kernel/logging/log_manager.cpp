#include "kernel/logging/log_manager.h"

#include <chrono>
#include <stdexcept>

namespace skiff::kernel {

LogManager::LogManager(std::shared_ptr<LogSink> sink) : sink_(std::move(sink)) {}

sdk::Logger& LogManager::logger(std::string_view subsystem) {
  std::lock_guard lock(mutex_);
  auto it = loggers_.find(subsystem);
  if (it == loggers_.end()) {
    LogWriter& writer = *this;  // private base: convertible only in here
    auto logger = std::make_unique<SubsystemLogger>(std::string(subsystem), resolve(subsystem), writer);
    it = loggers_.emplace(std::string(subsystem), std::move(logger)).first;
  }
  return *it->second;
}

void LogManager::set_level(sdk::LogLevel level) {
  std::lock_guard lock(mutex_);
  global_ = level;
  refresh_levels();
}

sdk::LogLevel LogManager::level() const {
  std::lock_guard lock(mutex_);
  return global_;
}

void LogManager::set_subsystem_levels(LevelOverrides overrides) {
  std::lock_guard lock(mutex_);
  overrides_ = std::move(overrides);
  refresh_levels();
}

sdk::LogLevel LogManager::level_of(std::string_view subsystem) const {
  std::lock_guard lock(mutex_);
  return resolve(subsystem);
}

std::map<std::string, sdk::LogLevel> LogManager::subsystem_levels() const {
  std::lock_guard lock(mutex_);
  std::map<std::string, sdk::LogLevel> out;
  for (const auto& [name, logger] : loggers_) out[name] = resolve(name);
  for (const auto& [name, level] : overrides_) out[name] = level;
  return out;
}

void LogManager::set_subsystem_level(std::string_view subsystem,
                                     std::optional<sdk::LogLevel> level) {
  std::lock_guard lock(mutex_);
  if (level) {
    overrides_.insert_or_assign(std::string(subsystem), *level);
  } else if (auto it = overrides_.find(subsystem); it != overrides_.end()) {
    overrides_.erase(it);
  }
  refresh_levels();
}

void LogManager::set_format(LogFormat format) { format_.store(format); }

void LogManager::configure(const sdk::ConfigView& config) {
  // Parse everything first so that a bad value leaves the manager untouched.
  std::optional<sdk::LogLevel> level;
  if (auto v = config.raw("log.level")) {
    level = parse_log_level(*v);
    if (!level) throw std::invalid_argument("log.level: '" + *v + "' is not a log level");
  }
  std::optional<LogFormat> format;
  if (auto v = config.raw("log.format")) {
    format = parse_log_format(*v);
    if (!format) throw std::invalid_argument("log.format: '" + *v + "' is not plain or json");
  }
  std::optional<LevelOverrides> overrides;
  if (auto v = config.raw("log.levels")) {
    auto parsed = parse_level_overrides(*v);
    if (!parsed.error.empty()) throw std::invalid_argument("log.levels: " + parsed.error);
    overrides = std::move(parsed.overrides);
  }
  if (format) set_format(*format);
  std::lock_guard lock(mutex_);
  if (level) global_ = *level;
  if (overrides) overrides_ = std::move(*overrides);
  refresh_levels();
}

void LogManager::emit(sdk::LogLevel level, std::string_view subsystem,
                      std::string_view message) {
  sink_->write_line(format_log_line(format_.load(std::memory_order_relaxed),
                                    std::chrono::system_clock::now(), level, subsystem,
                                    message));
}

sdk::LogLevel LogManager::resolve(std::string_view subsystem) const {
  auto it = overrides_.find(subsystem);
  return it != overrides_.end() ? it->second : global_;
}

void LogManager::refresh_levels() {
  for (auto& [name, logger] : loggers_) logger->set_level(resolve(name));
}

}  // namespace skiff::kernel

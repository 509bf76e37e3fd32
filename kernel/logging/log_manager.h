// LogManager: owns one logger per subsystem and decides their levels (a global
// `log.level` plus per-subsystem `log.levels` overrides) and the output format
// (`log.format`: plain or JSON lines). Levels and format change at runtime without
// blocking loggers: each logger's level is an atomic recomputed on every change.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "kernel/logging/log_level.h"
#include "kernel/logging/log_line.h"
#include "kernel/logging/log_sink.h"
#include "kernel/logging/subsystem_logger.h"
#include "skiff/sdk/config.h"
#include "skiff/sdk/log.h"

namespace skiff::kernel {

class LogManager final : private LogWriter {
 public:
  explicit LogManager(std::shared_ptr<LogSink> sink = std::make_shared<StderrSink>());
  LogManager(const LogManager&) = delete;
  LogManager& operator=(const LogManager&) = delete;

  // The logger of `subsystem`, created on first use; the reference stays valid
  // for the manager's lifetime. Thread-safe.
  sdk::Logger& logger(std::string_view subsystem);

  void set_level(sdk::LogLevel level);
  sdk::LogLevel level() const;
  // Replaces all per-subsystem overrides.
  void set_subsystem_levels(LevelOverrides overrides);
  // The level `subsystem` logs at now.
  sdk::LogLevel level_of(std::string_view subsystem) const;
  // Every subsystem with a logger or an override, and the level it logs at.
  std::map<std::string, sdk::LogLevel> subsystem_levels() const;
  // Sets (or with nullopt drops) one subsystem's override, keeping the others; the
  // next configure() (SIGHUP, AlterConfigs) replaces it with `log.levels` again.
  void set_subsystem_level(std::string_view subsystem, std::optional<sdk::LogLevel> level);
  void set_format(LogFormat format);

  // Applies `log.level`, `log.format` and `log.levels` from `config` (missing keys
  // keep the current setting). Throws std::invalid_argument naming the bad key;
  // nothing changes then.
  void configure(const sdk::ConfigView& config);

 private:
  void emit(sdk::LogLevel level, std::string_view subsystem,
            std::string_view message) override;
  sdk::LogLevel resolve(std::string_view subsystem) const;  // needs mutex_
  void refresh_levels();                                     // needs mutex_

  std::shared_ptr<LogSink> sink_;
  std::atomic<LogFormat> format_{LogFormat::kPlain};
  mutable std::mutex mutex_;  // guards the maps and the global level below
  sdk::LogLevel global_ = sdk::LogLevel::kInfo;
  LevelOverrides overrides_;
  std::map<std::string, std::unique_ptr<SubsystemLogger>, std::less<>> loggers_;
};

}  // namespace skiff::kernel

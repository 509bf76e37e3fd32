// The sdk::Logger of one subsystem ("net", "storage", a plugin's name). Its level
// is an atomic the LogManager updates, so `enabled()` is a lock-free load on the
// hot path; formatting and output are delegated to a LogWriter (the LogManager).
#pragma once

#include <atomic>
#include <string>
#include <string_view>

#include "skiff/sdk/log.h"

namespace skiff::kernel {

class LogWriter {
 public:
  virtual ~LogWriter() = default;
  virtual void emit(sdk::LogLevel level, std::string_view subsystem,
                    std::string_view message) = 0;
};

class SubsystemLogger final : public sdk::Logger {
 public:
  SubsystemLogger(std::string subsystem, sdk::LogLevel level, LogWriter& writer)
      : subsystem_(std::move(subsystem)), level_(level), writer_(writer) {}

  const std::string& subsystem() const { return subsystem_; }
  sdk::LogLevel level() const { return level_.load(std::memory_order_relaxed); }
  void set_level(sdk::LogLevel level) { level_.store(level, std::memory_order_relaxed); }

  bool enabled(sdk::LogLevel level) const override { return level >= this->level(); }
  void write(sdk::LogLevel level, std::string_view message) override {
    writer_.emit(level, subsystem_, message);
  }

 private:
  const std::string subsystem_;
  std::atomic<sdk::LogLevel> level_;
  LogWriter& writer_;
};

}  // namespace skiff::kernel

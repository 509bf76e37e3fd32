// What the plugin-host tests wire a KernelHost with: loggers that record their
// lines per subsystem, a scheduler that never runs anything, and the paths of the
// test plugins built next to the test.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "skiff/sdk/log.h"
#include "skiff/sdk/scheduler.h"

namespace skiff::test {

inline const std::string kGoodPluginDir = TEST_PLUGIN_DIR "/plugins-good";
inline const std::string kWrongAbiPlugin = TEST_PLUGIN_DIR "/plugins-bad/wrong-abi.so";
inline const std::string kNoDescriptorPlugin = TEST_PLUGIN_DIR "/plugins-bad/no-descriptor.so";
inline const std::string kAlphaPlugin = kGoodPluginDir + "/test-alpha.so";
inline const std::string kBetaPlugin = kGoodPluginDir + "/test-beta.so";

class RecordingLogger final : public sdk::Logger {
 public:
  bool enabled(sdk::LogLevel) const override { return true; }
  void write(sdk::LogLevel, std::string_view message) override {
    std::lock_guard lock(mutex_);
    lines_.emplace_back(message);
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

class RecordingLoggers {
 public:
  sdk::Logger& get(std::string_view subsystem) {
    std::lock_guard lock(mutex_);
    auto& slot = loggers_[std::string(subsystem)];
    if (!slot) slot = std::make_unique<RecordingLogger>();
    return *slot;
  }
  std::vector<std::string> lines(std::string_view subsystem) {
    return static_cast<RecordingLogger&>(get(subsystem)).lines();
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<RecordingLogger>> loggers_;
};

class IdleScheduler final : public sdk::Scheduler {
 public:
  std::unique_ptr<sdk::TimerHandle> run_after(std::chrono::milliseconds, std::function<void()>) override {
    return nullptr;
  }
  std::unique_ptr<sdk::TimerHandle> run_every(std::chrono::milliseconds, std::function<void()>) override {
    return nullptr;
  }
  void run_blocking(std::function<void()>) override {}
};

}  // namespace skiff::test

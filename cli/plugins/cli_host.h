// The Host one plugin sees when the CLI loads it: the CLI's plugin config, stderr
// loggers named after the plugin, a scheduler without timers, the shared extension
// registry, and no node id (the CLI is not a broker).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "plugins/stderr_logger.h"
#include "skiff/sdk/plugin.h"

namespace skiff::cli {

class CliHost : public sdk::Host {
 public:
  CliHost(std::string plugin_name, const sdk::ConfigView& config, sdk::Scheduler& scheduler,
          sdk::ExtensionRegistry& extensions)
      : plugin_name_(std::move(plugin_name)),
        config_(config),
        scheduler_(scheduler),
        extensions_(extensions) {}

  const sdk::ConfigView& config() const override { return config_; }
  sdk::Logger& logger(std::string_view subsystem) override;
  sdk::Scheduler& scheduler() override { return scheduler_; }
  sdk::ExtensionRegistry& extensions() override { return extensions_; }
  int32_t node_id() const override { return -1; }

 private:
  std::string plugin_name_;
  const sdk::ConfigView& config_;
  sdk::Scheduler& scheduler_;
  sdk::ExtensionRegistry& extensions_;
  std::mutex loggers_mutex_;  // plugins may ask for loggers from any thread
  std::map<std::string, std::unique_ptr<StderrLogger>, std::less<>> loggers_;
};

}  // namespace skiff::cli

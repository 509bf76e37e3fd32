// KernelHost: the sdk::Host the application wires together — the live config
// view, a logger per subsystem, the runtime's Scheduler, the extension registry
// this broker's node id, its metrics registry and readiness. Plugins reach it
// through their PluginScope.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "skiff/sdk/plugin.h"

namespace skiff::kernel {

// Returns the logger of a subsystem; references must stay valid (LogManager's do).
using LoggerFactory = std::function<sdk::Logger&(std::string_view subsystem)>;

class KernelHost final : public sdk::Host {
 public:
  KernelHost(const sdk::ConfigView& config, LoggerFactory loggers, sdk::Scheduler& scheduler,
             sdk::ExtensionRegistry& extensions, int32_t node_id,
             sdk::MetricsRegistry* metrics = nullptr, const sdk::Health* health = nullptr)
      : config_(config),
        loggers_(std::move(loggers)),
        scheduler_(scheduler),
        extensions_(extensions),
        node_id_(node_id),
        metrics_(metrics),
        health_(health) {}

  const sdk::ConfigView& config() const override { return config_; }
  sdk::Logger& logger(std::string_view subsystem) override { return loggers_(subsystem); }
  sdk::Scheduler& scheduler() override { return scheduler_; }
  sdk::ExtensionRegistry& extensions() override { return extensions_; }
  int32_t node_id() const override { return node_id_; }
  sdk::MetricsRegistry& metrics() override { return metrics_ ? *metrics_ : sdk::Host::metrics(); }
  const sdk::Health& health() const override { return health_ ? *health_ : sdk::Host::health(); }

 private:
  const sdk::ConfigView& config_;
  LoggerFactory loggers_;
  sdk::Scheduler& scheduler_;
  sdk::ExtensionRegistry& extensions_;
  int32_t node_id_;
  sdk::MetricsRegistry* metrics_;  // null: the SDK's discarding registry
  const sdk::Health* health_;      // null: always ready
};

}  // namespace skiff::kernel

// ConfigStore: the broker's effective configuration over time. It layers the
// static files (see config_loader.h) under dynamic values, validates the result
// against the schema and publishes it as an immutable ConfigSnapshot.
//
// Static keys never change after load(): when a reload or dynamic update would
// change one, it is reported as needing a restart and the running value stays.
// Dynamic keys change in place. A failed reload or update changes nothing.
//
// Thread-safe: current() may be called from any thread at any time; it is also an
// sdk::ConfigView whose reads always see the latest snapshot.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/config/config_error.h"
#include "kernel/config/config_loader.h"
#include "kernel/config/config_schema_registry.h"
#include "kernel/config/config_snapshot.h"
#include "skiff/sdk/config.h"

namespace skiff::kernel {

struct ConfigChanges {
  std::vector<std::string> applied;        // dynamic keys whose effective value changed
  std::vector<std::string> needs_restart;  // static keys that changed; old values stay
  std::vector<ConfigProblem> problems;     // non-empty: nothing was applied
  bool ok() const { return problems.empty(); }
};

// Dynamic updates by key; nullopt removes the key's dynamic value.
using DynamicUpdates = std::map<std::string, std::optional<std::string>, std::less<>>;

class ConfigStore final : public sdk::ConfigView {
 public:
  // `schema` must outlive the store and be complete before load().
  ConfigStore(const ConfigSchemaRegistry& schema, LoadOptions options);

  // Reads and validates the files; throws ConfigError listing every problem.
  void load();

  // The latest snapshot (null before load()).
  std::shared_ptr<const ConfigSnapshot> current() const;
  std::optional<std::string> raw(std::string_view key) const override;

  // Re-reads the files (same LoadOptions), keeping dynamic values on top.
  ConfigChanges reload();
  // Sets or removes dynamic values (source "dynamic"); only dynamic keys may be set.
  ConfigChanges set_dynamic(const DynamicUpdates& updates);
  RawConfig dynamic_values() const;

 private:
  // Validates files+dynamic and publishes the result; static keys keep their values.
  ConfigChanges publish(LoadedLayers files, RawConfig dynamic);

  const ConfigSchemaRegistry& schema_;
  const LoadOptions options_;

  mutable std::mutex update_mutex_;  // serializes load/reload/set_dynamic
  LoadedLayers files_;       // the last valid file layers
  RawConfig dynamic_;

  mutable std::mutex current_mutex_;  // guards only the pointer swap
  std::shared_ptr<const ConfigSnapshot> current_;
};

}  // namespace skiff::kernel

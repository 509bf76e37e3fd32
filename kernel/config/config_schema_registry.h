// ConfigSchemaRegistry: every config key the broker knows, declared by the kernel
// (broker_config_keys) and by plugins (Plugin::declare_config), with who declared
// it. Besides the sdk::ConfigKey facts it holds the kernel's extra rules: value
// checks a ConfigKey cannot express (e.g. the `log.levels` syntax) and derivations
// run on explicit values before defaults apply (e.g. broker.id <-> node.id).
//
// Filled during startup on one thread, read-only afterwards (then thread-safe).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/config/config_error.h"
#include "kernel/config/raw_config.h"
#include "skiff/sdk/config.h"

namespace skiff::kernel {

// Returns an error message for a bad (already normalized) value, empty if fine.
using ValueCheck = std::function<std::string(std::string_view value)>;

// Rewrites explicit values after validation (adds derived keys, reports conflicts).
using ConfigDerivation = std::function<void(RawConfig& values, std::vector<ConfigProblem>& problems)>;

struct DeclaredKey {
  sdk::ConfigKey key;
  std::string owner;  // "kernel" or the plugin's name
  std::vector<ValueCheck> checks;
};

class ConfigSchemaRegistry final : public sdk::ConfigSchema {
 public:
  static constexpr std::string_view kKernelOwner = "kernel";

  // Declares a key owned by `owner`. Throws std::invalid_argument if the name is
  // empty, already declared (naming both owners), or its default is invalid.
  void define_as(std::string owner, sdk::ConfigKey key);
  // sdk::ConfigSchema: declares a key owned by the kernel.
  void define(sdk::ConfigKey key) override;

  // The sdk::ConfigSchema a plugin declares through: keys are owned by `owner`.
  class Declarer final : public sdk::ConfigSchema {
   public:
    Declarer(ConfigSchemaRegistry& registry, std::string owner)
        : registry_(registry), owner_(std::move(owner)) {}
    void define(sdk::ConfigKey key) override { registry_.define_as(owner_, std::move(key)); }

   private:
    ConfigSchemaRegistry& registry_;
    std::string owner_;
  };
  Declarer declarer(std::string owner) { return Declarer(*this, std::move(owner)); }

  // Adds a check to an already declared key; throws std::invalid_argument if unknown.
  void add_check(std::string_view name, ValueCheck check);
  void add_derivation(ConfigDerivation derivation);

  // Keys starting with `prefix` (e.g. "ssl.") may also be set per listener as
  // `listener.name.<listener>.<key>` (Kafka's per-listener overrides).
  void allow_listener_override(std::string prefix);

  // Null if not declared. Declarations are shared immutably with config snapshots.
  // A per-listener override resolves to its base key's declaration, under its own name.
  std::shared_ptr<const DeclaredKey> find(std::string_view name) const;
  const std::map<std::string, std::shared_ptr<const DeclaredKey>, std::less<>>& keys() const {
    return keys_;
  }
  std::vector<std::string_view> names() const;
  const std::vector<ConfigDerivation>& derivations() const { return derivations_; }

 private:
  std::map<std::string, std::shared_ptr<const DeclaredKey>, std::less<>> keys_;
  std::vector<ConfigDerivation> derivations_;
  std::vector<std::string> listener_override_prefixes_;
};

}  // namespace skiff::kernel

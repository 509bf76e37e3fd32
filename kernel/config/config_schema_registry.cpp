#include "kernel/config/config_schema_registry.h"

#include <stdexcept>

#include "kernel/config/config_value_check.h"

namespace skiff::kernel {

void ConfigSchemaRegistry::define_as(std::string owner, sdk::ConfigKey key) {
  if (key.name.empty()) throw std::invalid_argument(owner + " declared a config key without a name");
  if (auto it = keys_.find(key.name); it != keys_.end()) {
    throw std::invalid_argument("config key '" + key.name + "' is declared by both " +
                                it->second->owner + " and " + owner);
  }
  // A bad default is a bug in the declaring code; catching it here names the culprit.
  if (key.default_value) {
    auto checked = check_config_value(key, *key.default_value);
    if (!checked.ok()) {
      throw std::invalid_argument(owner + " declared config key '" + key.name +
                                  "' with an invalid default '" + *key.default_value +
                                  "': " + describe_fault(key, checked));
    }
    key.default_value = checked.value;
  }
  std::string name = key.name;
  keys_.emplace(std::move(name),
                std::make_shared<const DeclaredKey>(DeclaredKey{std::move(key), std::move(owner), {}}));
}

void ConfigSchemaRegistry::define(sdk::ConfigKey key) {
  define_as(std::string(kKernelOwner), std::move(key));
}

void ConfigSchemaRegistry::add_check(std::string_view name, ValueCheck check) {
  auto it = keys_.find(name);
  if (it == keys_.end()) {
    throw std::invalid_argument("add_check: config key '" + std::string(name) + "' is not declared");
  }
  // Declarations are immutable once shared, so extend a copy.
  auto updated = std::make_shared<DeclaredKey>(*it->second);
  updated->checks.push_back(std::move(check));
  it->second = std::move(updated);
}

void ConfigSchemaRegistry::add_derivation(ConfigDerivation derivation) {
  derivations_.push_back(std::move(derivation));
}

void ConfigSchemaRegistry::allow_listener_override(std::string prefix) {
  listener_override_prefixes_.push_back(std::move(prefix));
}

std::shared_ptr<const DeclaredKey> ConfigSchemaRegistry::find(std::string_view name) const {
  auto it = keys_.find(name);
  if (it != keys_.end()) return it->second;
  // listener.name.<listener>.<key>
  constexpr std::string_view kOverride = "listener.name.";
  if (!name.starts_with(kOverride)) return nullptr;
  auto dot = name.find('.', kOverride.size());
  if (dot == std::string_view::npos || dot == kOverride.size()) return nullptr;
  std::string_view base = name.substr(dot + 1);
  bool allowed = false;
  for (const auto& prefix : listener_override_prefixes_) allowed = allowed || base.starts_with(prefix);
  auto declared = allowed ? keys_.find(base) : keys_.end();
  if (declared == keys_.end()) return nullptr;
  auto copy = std::make_shared<DeclaredKey>(*declared->second);
  copy->key.name = std::string(name);
  return copy;
}

std::vector<std::string_view> ConfigSchemaRegistry::names() const {
  std::vector<std::string_view> out;
  out.reserve(keys_.size());
  for (const auto& [name, _] : keys_) out.push_back(name);
  return out;
}

}  // namespace skiff::kernel

#include "kernel/config/config_store.h"

#include "kernel/config/config_validator.h"

namespace skiff::kernel {

ConfigStore::ConfigStore(const ConfigSchemaRegistry& schema, LoadOptions options)
    : schema_(schema), options_(std::move(options)) {}

void ConfigStore::load() {
  std::lock_guard lock(update_mutex_);
  auto layers = load_config_layers(options_);
  if (!layers.problems.empty()) throw ConfigError(std::move(layers.problems));
  auto changes = publish(std::move(layers), dynamic_);
  if (!changes.ok()) throw ConfigError(std::move(changes.problems));
}

std::shared_ptr<const ConfigSnapshot> ConfigStore::current() const {
  std::lock_guard lock(current_mutex_);
  return current_;
}

std::optional<std::string> ConfigStore::raw(std::string_view key) const {
  auto snapshot = current();
  return snapshot ? snapshot->raw(key) : std::nullopt;
}

ConfigChanges ConfigStore::reload() {
  std::lock_guard lock(update_mutex_);
  auto layers = load_config_layers(options_);
  if (!layers.problems.empty()) return {{}, {}, std::move(layers.problems)};
  return publish(std::move(layers), dynamic_);
}

ConfigChanges ConfigStore::set_dynamic(const DynamicUpdates& updates) {
  std::lock_guard lock(update_mutex_);
  ConfigChanges rejected;
  RawConfig dynamic = dynamic_;
  for (const auto& [name, value] : updates) {
    auto declared = schema_.find(name);
    if (declared && !declared->key.dynamic) {
      rejected.problems.push_back(
          {"dynamic", "config key '" + name + "' cannot be updated dynamically (restart needed)"});
      continue;
    }
    // Unknown keys fall through to validation, which suggests the nearest name.
    if (value) dynamic[name] = {*value, ConfigSource::dynamic()};
    else dynamic.erase(name);
  }
  if (!rejected.ok()) return rejected;
  return publish(files_, std::move(dynamic));
}

RawConfig ConfigStore::dynamic_values() const {
  std::lock_guard lock(update_mutex_);
  return dynamic_;
}

ConfigChanges ConfigStore::publish(LoadedLayers files, RawConfig dynamic) {
  ConfigChanges changes;
  RawConfig merged = files.values;
  for (const auto& [name, value] : dynamic) merged[name] = value;
  changes.problems = validate_config(merged, schema_, files.files);
  for (const auto& derive : schema_.derivations()) {
    if (changes.ok()) derive(merged, changes.problems);
  }
  if (!changes.ok()) return changes;

  auto next = ConfigSnapshot::build(merged, schema_);
  auto previous = current();
  if (previous) {
    auto entries = next.entries();
    for (auto& [name, entry] : entries) {
      const ConfigSnapshot::Entry* old = previous->entry(name);
      if (!old || old->value == entry.value) continue;
      if (entry.declared->key.dynamic) {
        changes.applied.push_back(name);
      } else {
        changes.needs_restart.push_back(name);
        entry = *old;  // a running static value is never swapped under the broker
      }
    }
    next = ConfigSnapshot(std::move(entries));
  }
  files_ = std::move(files);
  dynamic_ = std::move(dynamic);
  auto published = std::make_shared<const ConfigSnapshot>(std::move(next));
  std::lock_guard lock(current_mutex_);
  current_ = std::move(published);
  return changes;
}

}  // namespace skiff::kernel

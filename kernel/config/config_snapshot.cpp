#include "kernel/config/config_snapshot.h"

namespace skiff::kernel {

ConfigSnapshot ConfigSnapshot::build(const RawConfig& values, const ConfigSchemaRegistry& schema) {
  Entries entries;
  for (const auto& [name, declared] : schema.keys()) {
    Entry entry{declared->key.default_value, ConfigSource::default_value(), declared};
    if (auto it = values.find(name); it != values.end()) {
      entry.value = it->second.value;
      entry.source = it->second.source;
    }
    entries.emplace(name, std::move(entry));
  }
  // Per-listener overrides (listener.name.<listener>.<key>) exist only when set.
  for (const auto& [name, raw] : values) {
    if (entries.contains(name)) continue;
    if (auto declared = schema.find(name)) {
      entries.emplace(name, Entry{raw.value, raw.source, std::move(declared)});
    }
  }
  return ConfigSnapshot(std::move(entries));
}

std::optional<std::string> ConfigSnapshot::raw(std::string_view key) const {
  const Entry* e = entry(key);
  return e ? e->value : std::nullopt;
}

const ConfigSnapshot::Entry* ConfigSnapshot::entry(std::string_view key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace skiff::kernel

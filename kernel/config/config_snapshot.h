// ConfigSnapshot: one immutable, complete view of the broker's configuration —
// every declared key with its effective value (explicit or default) and source.
// Shared as std::shared_ptr<const ConfigSnapshot>; readers never lock.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kernel/config/config_schema_registry.h"
#include "kernel/config/config_source.h"
#include "kernel/config/raw_config.h"
#include "skiff/sdk/config.h"

namespace skiff::kernel {

class ConfigSnapshot final : public sdk::ConfigView {
 public:
  struct Entry {
    std::optional<std::string> value;  // nullopt: not set and no default
    ConfigSource source;               // kDefault when the value is the default
    std::shared_ptr<const DeclaredKey> declared;

    bool is_explicit() const { return source.kind != ConfigSource::Kind::kDefault; }
  };
  using Entries = std::map<std::string, Entry, std::less<>>;

  explicit ConfigSnapshot(Entries entries) : entries_(std::move(entries)) {}

  // Every key declared in `schema`: the value from `values` if set, else its default.
  // Keys in `values` that are not declared are left out (validation reports them).
  static ConfigSnapshot build(const RawConfig& values, const ConfigSchemaRegistry& schema);

  std::optional<std::string> raw(std::string_view key) const override;
  const Entry* entry(std::string_view key) const;
  const Entries& entries() const { return entries_; }

 private:
  Entries entries_;
};

}  // namespace skiff::kernel

// A fluent way to write ConfigKey tables, for the kernel and plugins alike, so key
// definitions read like Kafka's ConfigDef:
//   schema.define(ConfigKeyBuilder("num.io.threads", ConfigType::kInt, "8",
//                                  "Threads handling requests.").at_least(1));
#pragma once

#include <initializer_list>
#include <optional>
#include <string>

#include "skiff/sdk/config.h"

namespace skiff::sdk {

class ConfigKeyBuilder {
 public:
  ConfigKeyBuilder(std::string name, ConfigType type, std::optional<std::string> default_value,
                   std::string doc) {
    key_.name = std::move(name);
    key_.type = type;
    key_.default_value = std::move(default_value);
    key_.doc = std::move(doc);
  }
  ConfigKeyBuilder& at_least(double min) { key_.min = min; return *this; }
  ConfigKeyBuilder& at_most(double max) { key_.max = max; return *this; }
  ConfigKeyBuilder& between(double min, double max) { return at_least(min).at_most(max); }
  ConfigKeyBuilder& one_of(std::initializer_list<const char*> values) {
    key_.valid_values.assign(values.begin(), values.end());
    return *this;
  }
  ConfigKeyBuilder& dynamic() { key_.dynamic = true; return *this; }

  operator ConfigKey() const { return key_; }  // NOLINT: implicit by design
  const ConfigKey& key() const { return key_; }

 private:
  ConfigKey key_;
};

}  // namespace skiff::sdk

// The configuration plugins see in the CLI: the `--partitioner-property k=v` values,
// checked against the keys the loaded plugins declare, with declared defaults for
// keys not given. Both the ConfigSchema plugins declare into and the ConfigView they read.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/properties.h"
#include "skiff/sdk/config.h"

namespace skiff::cli {

class PluginConfig : public sdk::ConfigSchema, public sdk::ConfigView {
 public:
  explicit PluginConfig(const std::vector<Property>& given);

  void define(sdk::ConfigKey key) override;
  std::optional<std::string> raw(std::string_view key) const override;

  // UsageError for a given value its declared key rejects (type, range, choices).
  void validate() const;
  // Given keys no plugin declared (likely typos).
  std::vector<std::string> undeclared() const;

 private:
  std::map<std::string, std::string, std::less<>> given_;
  std::map<std::string, sdk::ConfigKey, std::less<>> declared_;
};

}  // namespace skiff::cli

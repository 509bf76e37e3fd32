// Values for plugins from the command line, validated like the broker validates its
// config files, because plugins may rely on validated values (ConfigView's contract).
#include "plugins/plugin_config.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "common/errors.h"

namespace skiff::cli {

namespace {

std::optional<double> parse_number(const std::string& text, bool integral) {
  if (text.empty()) return std::nullopt;
  if (integral) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return static_cast<double>(v);
  }
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

// Why `value` is not acceptable for `key`, or empty if it is.
std::string check_value(const sdk::ConfigKey& key, const std::string& value) {
  using sdk::ConfigType;
  switch (key.type) {
    case ConfigType::kBoolean:
      if (value != "true" && value != "false") return "expects true or false";
      break;
    case ConfigType::kInt:
    case ConfigType::kLong:
    case ConfigType::kDouble: {
      auto number = parse_number(value, key.type != ConfigType::kDouble);
      if (!number) return key.type == ConfigType::kDouble ? "expects a number" : "expects an integer";
      if ((key.min && *number < *key.min) || (key.max && *number > *key.max)) {
        return "is out of range";
      }
      break;
    }
    case ConfigType::kString:
    case ConfigType::kList:
    case ConfigType::kPassword:
      break;
  }
  if (!key.valid_values.empty() && key.type != ConfigType::kList &&
      std::find(key.valid_values.begin(), key.valid_values.end(), value) == key.valid_values.end()) {
    std::string choices;
    for (const auto& v : key.valid_values) choices += (choices.empty() ? "" : ", ") + v;
    return "must be one of: " + choices;
  }
  return {};
}

}  // namespace

PluginConfig::PluginConfig(const std::vector<Property>& given) {
  for (const auto& p : given) given_[p.key] = p.value;
}

void PluginConfig::define(sdk::ConfigKey key) {
  // Two plugins may read the same key; the first declaration stands.
  declared_.try_emplace(key.name, key);
}

std::optional<std::string> PluginConfig::raw(std::string_view key) const {
  if (auto it = given_.find(key); it != given_.end()) return it->second;
  if (auto it = declared_.find(key); it != declared_.end()) return it->second.default_value;
  return std::nullopt;
}

void PluginConfig::validate() const {
  for (const auto& [name, value] : given_) {
    auto it = declared_.find(name);
    if (it == declared_.end()) continue;
    if (auto problem = check_value(it->second, value); !problem.empty()) {
      throw UsageError("--partitioner-property " + name + "=" + value + ": " + problem);
    }
  }
}

std::vector<std::string> PluginConfig::undeclared() const {
  std::vector<std::string> out;
  for (const auto& [name, value] : given_) {
    if (!declared_.contains(name)) out.push_back(name);
  }
  return out;
}

}  // namespace skiff::cli

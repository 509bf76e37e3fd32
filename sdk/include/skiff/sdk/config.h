// Configuration as plugins see it: the keys a plugin declares (with type, default,
// range and documentation) and a read-only view of the effective values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skiff::sdk {

enum class ConfigType { kBoolean, kInt, kLong, kDouble, kString, kList, kPassword };

// One configuration key, in Kafka's vocabulary ("log.retention.ms").
struct ConfigKey {
  std::string name;
  ConfigType type = ConfigType::kString;
  std::optional<std::string> default_value;  // nullopt: required, or no default
  std::optional<double> min;                 // numeric range, inclusive
  std::optional<double> max;
  std::vector<std::string> valid_values;     // for enumerations; empty: any
  std::string doc;
  bool dynamic = false;  // true: applied on SIGHUP / AlterConfigs without a restart
};

// Where plugins declare the keys they own; the kernel validates values against them.
class ConfigSchema {
 public:
  virtual ~ConfigSchema() = default;
  virtual void define(ConfigKey key) = 0;
};

// Read-only view of the effective configuration (files, conf.d, overrides, dynamic).
// Values were validated against their ConfigKey before a plugin sees them.
class ConfigView {
 public:
  virtual ~ConfigView() = default;
  virtual std::optional<std::string> raw(std::string_view key) const = 0;

  std::string get_string(std::string_view key, std::string_view fallback = {}) const {
    auto v = raw(key);
    return v ? *v : std::string(fallback);
  }
  int64_t get_long(std::string_view key, int64_t fallback = 0) const {
    auto v = raw(key);
    return v && !v->empty() ? std::stoll(*v) : fallback;
  }
  int32_t get_int(std::string_view key, int32_t fallback = 0) const {
    return static_cast<int32_t>(get_long(key, fallback));
  }
  double get_double(std::string_view key, double fallback = 0) const {
    auto v = raw(key);
    return v && !v->empty() ? std::stod(*v) : fallback;
  }
  bool get_bool(std::string_view key, bool fallback = false) const {
    auto v = raw(key);
    return v ? (*v == "true") : fallback;
  }
  // Comma-separated list, entries trimmed, empty entries dropped.
  std::vector<std::string> get_list(std::string_view key) const {
    std::vector<std::string> out;
    auto v = raw(key);
    if (!v) return out;
    std::string item;
    auto flush = [&] {
      auto b = item.find_first_not_of(" \t");
      auto e = item.find_last_not_of(" \t");
      if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
      item.clear();
    };
    for (char c : *v) {
      if (c == ',') flush(); else item.push_back(c);
    }
    flush();
    return out;
  }
};

}  // namespace skiff::sdk

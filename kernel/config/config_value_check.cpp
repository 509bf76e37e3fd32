#include "kernel/config/config_value_check.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace skiff::kernel {

namespace {

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n\f\v");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n\f\v");
  return std::string(s.substr(b, e - b + 1));
}

bool parse_integer(std::string_view s, int64_t& out) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);  // Java's parseLong accepts '+'
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool parse_double(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(out);
}

bool is_allowed(const sdk::ConfigKey& key, std::string_view item) {
  return key.valid_values.empty() ||
         std::find(key.valid_values.begin(), key.valid_values.end(), item) !=
             key.valid_values.end();
}

// Sets a range fault on `checked` if `number` lies outside [min, max].
void check_range(const sdk::ConfigKey& key, double number, CheckedValue& checked) {
  if (key.min && number < *key.min) checked.fault = ValueFault::kBelowMin;
  else if (key.max && number > *key.max) checked.fault = ValueFault::kAboveMax;
}

}  // namespace

CheckedValue check_config_value(const sdk::ConfigKey& key, std::string_view raw) {
  CheckedValue checked;
  checked.value = trim(raw);
  switch (key.type) {
    case sdk::ConfigType::kInt:
    case sdk::ConfigType::kLong: {
      int64_t n = 0;
      bool fits = parse_integer(checked.value, n);
      if (fits && key.type == sdk::ConfigType::kInt) {
        fits = n >= std::numeric_limits<int32_t>::min() && n <= std::numeric_limits<int32_t>::max();
      }
      if (!fits) {
        checked.fault = ValueFault::kNotInteger;
        return checked;
      }
      check_range(key, static_cast<double>(n), checked);
      break;
    }
    case sdk::ConfigType::kDouble: {
      double d = 0;
      if (!parse_double(checked.value, d)) {
        checked.fault = ValueFault::kNotNumber;
        return checked;
      }
      check_range(key, d, checked);
      break;
    }
    case sdk::ConfigType::kBoolean: {
      std::string lower = checked.value;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (lower != "true" && lower != "false") checked.fault = ValueFault::kNotBoolean;
      else checked.value = lower;
      return checked;
    }
    case sdk::ConfigType::kList: {
      size_t start = 0;
      while (start <= checked.value.size()) {
        size_t comma = checked.value.find(',', start);
        if (comma == std::string::npos) comma = checked.value.size();
        std::string item = trim(std::string_view(checked.value).substr(start, comma - start));
        if (!item.empty() && !is_allowed(key, item)) {
          checked.fault = ValueFault::kNotAllowed;
          checked.offending = item;
          return checked;
        }
        start = comma + 1;
      }
      return checked;
    }
    case sdk::ConfigType::kString:
    case sdk::ConfigType::kPassword:
      break;
  }
  if (checked.ok() && !is_allowed(key, checked.value)) {
    checked.fault = ValueFault::kNotAllowed;
    checked.offending = checked.value;
  }
  return checked;
}

std::string describe_fault(const sdk::ConfigKey& key, const CheckedValue& checked) {
  switch (checked.fault) {
    case ValueFault::kNone: return {};
    case ValueFault::kNotInteger: return "not a valid integer";
    case ValueFault::kNotNumber: return "not a valid number";
    case ValueFault::kNotBoolean: return "must be true or false";
    case ValueFault::kBelowMin: return "must be >= " + format_bound(*key.min);
    case ValueFault::kAboveMax: return "must be <= " + format_bound(*key.max);
    case ValueFault::kNotAllowed:
      if (key.type == sdk::ConfigType::kList) {
        return "'" + checked.offending + "' is not allowed; each item must be one of: " +
               join_valid_values(key);
      }
      return "must be one of: " + join_valid_values(key);
  }
  return {};
}

std::string format_bound(double bound) {
  if (std::floor(bound) == bound && std::fabs(bound) < 9.2e18) {
    return std::to_string(static_cast<int64_t>(bound));
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", bound);
  return buf;
}

std::string_view config_type_name(sdk::ConfigType type) {
  switch (type) {
    case sdk::ConfigType::kBoolean: return "boolean";
    case sdk::ConfigType::kInt: return "int";
    case sdk::ConfigType::kLong: return "long";
    case sdk::ConfigType::kDouble: return "double";
    case sdk::ConfigType::kString: return "string";
    case sdk::ConfigType::kList: return "list";
    case sdk::ConfigType::kPassword: return "password";
  }
  return "?";
}

std::string join_valid_values(const sdk::ConfigKey& key) {
  std::string out;
  for (const auto& v : key.valid_values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

}  // namespace skiff::kernel

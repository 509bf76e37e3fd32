// Checking one value against its sdk::ConfigKey: type, range and valid values,
// the way Kafka's ConfigDef does (values are trimmed; booleans are true/false in
// any case and normalized to lower case; list items are checked one by one).
// The fault is structured so callers can phrase it their way: broker files get
// "must be >= 1", topic configs get Kafka's "Value must be at least 1".
#pragma once

#include <string>
#include <string_view>

#include "skiff/sdk/config.h"

namespace skiff::kernel {

enum class ValueFault {
  kNone,
  kNotInteger,  // kInt / kLong: not a number, or out of the type's range
  kNotNumber,   // kDouble
  kNotBoolean,
  kBelowMin,
  kAboveMax,
  kNotAllowed,  // not in valid_values
};

struct CheckedValue {
  std::string value;      // normalized (trimmed; booleans lower case)
  ValueFault fault = ValueFault::kNone;
  std::string offending;  // kNotAllowed: the rejected item (the value, or one list item)
  bool ok() const { return fault == ValueFault::kNone; }
};

CheckedValue check_config_value(const sdk::ConfigKey& key, std::string_view raw);

// Broker-file wording: "not a valid integer", "must be true or false",
// "must be >= 1", "must be <= 10", "must be one of: a, b".
std::string describe_fault(const sdk::ConfigKey& key, const CheckedValue& checked);

// A range bound as written in messages: integral values without a fraction.
std::string format_bound(double bound);

// "int", "long", "double", "boolean", "string", "list", "password".
std::string_view config_type_name(sdk::ConfigType type);

// valid_values joined with ", ".
std::string join_valid_values(const sdk::ConfigKey& key);

}  // namespace skiff::kernel

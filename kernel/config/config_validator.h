// Validation of explicit config values against the schema: unknown keys (with a
// "did you mean" suggestion), wrong types, out-of-range and disallowed values, and
// the registry's extra checks. Every problem is reported, each at its source:
//   server.properties:7: unknown config key 'log.retention.hour'; did you mean 'log.retention.hours'?
//   conf.d/10-net.conf:2: invalid value 'abc' for 'num.io.threads': not a valid integer
#pragma once

#include <string>
#include <vector>

#include "kernel/config/config_error.h"
#include "kernel/config/config_schema_registry.h"
#include "kernel/config/raw_config.h"

namespace skiff::kernel {

// Checks `values` and normalizes the valid ones in place (see check_config_value).
// Problems come sorted: files in `file_order` (the order they were read; others
// after them), by line, then overrides, then dynamic values.
std::vector<ConfigProblem> validate_config(RawConfig& values, const ConfigSchemaRegistry& schema,
                                           const std::vector<std::string>& file_order = {});

}  // namespace skiff::kernel

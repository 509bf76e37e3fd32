// The configuration reference generated from the schema: every declared key as a
// row of a Markdown table (name, type, default, valid values/range, dynamic,
// declared by, documentation), and the topic-level configs likewise. The README
// includes this output, so the docs can never drift from the code.
#pragma once

#include <string>

#include "kernel/config/config_schema_registry.h"

namespace skiff::kernel {

std::string render_config_reference(const ConfigSchemaRegistry& schema);

// Kafka's topic-level configs (topic_config_keys.h) as a Markdown table, with the
// broker keys that provide each one's default.
std::string render_topic_config_reference();

}  // namespace skiff::kernel

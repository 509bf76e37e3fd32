// The configuration reference generated from the schema: every declared key as a
// row of a Markdown table (name, type, default, valid values/range, dynamic,
// declared by, documentation). The README includes this output, so the docs can
// never drift from the code.
#pragma once

#include <string>

#include "kernel/config/config_schema_registry.h"

namespace skiff::kernel {

std::string render_config_reference(const ConfigSchemaRegistry& schema);

}  // namespace skiff::kernel

#include "kernel/config/config_reference.h"

#include "kernel/config/config_value_check.h"

namespace skiff::kernel {

namespace {

// Table cells must not break the row: escape pipes, flatten newlines.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out.push_back(' ');
    else out.push_back(c);
  }
  return out;
}

std::string code_cell(std::string_view text) {
  return text.empty() ? "\"\"" : "`" + cell(text) + "`";
}

std::string allowed(const sdk::ConfigKey& key) {
  if (!key.valid_values.empty()) return cell(join_valid_values(key));
  if (key.min && key.max) return "[" + format_bound(*key.min) + ", " + format_bound(*key.max) + "]";
  if (key.min) return ">= " + format_bound(*key.min);
  if (key.max) return "<= " + format_bound(*key.max);
  return "";
}

}  // namespace

std::string render_config_reference(const ConfigSchemaRegistry& schema) {
  std::string out =
      "| Key | Type | Default | Valid values | Dynamic | Declared by | Description |\n"
      "|---|---|---|---|---|---|---|\n";
  for (const auto& [name, declared] : schema.keys()) {
    const auto& key = declared->key;
    std::string default_cell = "(none)";
    if (key.default_value) {
      default_cell = key.type == sdk::ConfigType::kPassword ? "[hidden]" : code_cell(*key.default_value);
    }
    out += "| `" + cell(name) + "` | " + std::string(config_type_name(key.type)) + " | " +
           default_cell + " | " + allowed(key) + " | " + (key.dynamic ? "yes" : "no") + " | " +
           cell(declared->owner) + " | " + cell(key.doc) + " |\n";
  }
  return out;
}

}  // namespace skiff::kernel

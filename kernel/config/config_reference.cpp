#include "kernel/config/config_reference.h"

#include "kernel/config/config_value_check.h"
#include "kernel/config/topic_config_keys.h"

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

std::string default_cell(const sdk::ConfigKey& key) {
  if (!key.default_value) return "(none)";
  return key.type == sdk::ConfigType::kPassword ? "[hidden]" : code_cell(*key.default_value);
}

// The cells every table shares: key, type, default, valid values.
std::string key_cells(const sdk::ConfigKey& key) {
  return "| `" + cell(key.name) + "` | " + std::string(config_type_name(key.type)) + " | " +
         default_cell(key) + " | " + allowed(key) + " | ";
}

}  // namespace

std::string render_config_reference(const ConfigSchemaRegistry& schema) {
  std::string out =
      "| Key | Type | Default | Valid values | Dynamic | Declared by | Description |\n"
      "|---|---|---|---|---|---|---|\n";
  for (const auto& [name, declared] : schema.keys()) {
    const auto& key = declared->key;
    out += key_cells(key) + (key.dynamic ? "yes" : "no") + " | " + cell(declared->owner) + " | " +
           cell(key.doc) + " |\n";
  }
  return out;
}

std::string render_topic_config_reference() {
  std::string out =
      "| Topic config | Type | Kafka default | Valid values | Broker default from | Description |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& def : topic_config_defs()) {
    std::string synonyms;
    for (const auto& synonym : def.synonyms) {
      if (!synonyms.empty()) synonyms += ", ";
      synonyms += "`" + std::string(synonym.key) + "`";
    }
    out += key_cells(def.key) + synonyms + " | " + cell(def.key.doc) + " |\n";
  }
  return out;
}

}  // namespace skiff::kernel

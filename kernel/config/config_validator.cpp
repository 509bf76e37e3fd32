#include "kernel/config/config_validator.h"

#include <algorithm>
#include <tuple>

#include "kernel/config/config_value_check.h"
#include "kernel/config/nearest_key.h"

namespace skiff::kernel {

namespace {

std::string unknown_key_message(std::string_view name, const ConfigSchemaRegistry& schema) {
  std::string message = "unknown config key '" + std::string(name) + "'";
  if (auto suggestion = nearest_key(name, schema.names())) {
    message += "; did you mean '" + *suggestion + "'?";
  }
  return message;
}

std::string invalid_value_message(const DeclaredKey& declared, const std::string& raw,
                                  const std::string& reason) {
  // Passwords are never echoed into logs or error output.
  std::string shown = declared.key.type == sdk::ConfigType::kPassword ? "[hidden]" : "'" + raw + "'";
  return "invalid value " + shown + " for '" + declared.key.name + "': " + reason;
}

}  // namespace

std::vector<ConfigProblem> validate_config(RawConfig& values, const ConfigSchemaRegistry& schema,
                                           const std::vector<std::string>& file_order) {
  // std::map iterates by key, but operators read files top to bottom: collect the
  // problems with their sources and sort them by place.
  std::vector<std::pair<const ConfigSource*, ConfigProblem>> found;
  auto report = [&](const ConfigSource& source, std::string message) {
    found.push_back({&source, {source.to_string(), std::move(message)}});
  };
  for (auto& [name, raw] : values) {
    auto declared = schema.find(name);
    if (!declared) {
      report(raw.source, unknown_key_message(name, schema));
      continue;
    }
    auto checked = check_config_value(declared->key, raw.value);
    std::string reason = describe_fault(declared->key, checked);
    for (size_t i = 0; reason.empty() && i < declared->checks.size(); ++i) {
      reason = declared->checks[i](checked.value);
    }
    if (!reason.empty()) {
      report(raw.source, invalid_value_message(*declared, raw.value, reason));
      continue;
    }
    raw.value = std::move(checked.value);
  }
  auto rank = [&](const ConfigSource& s) {
    return std::find(file_order.begin(), file_order.end(), s.file) - file_order.begin();
  };
  std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    const ConfigSource& x = *a.first;
    const ConfigSource& y = *b.first;
    return std::make_tuple(x.kind, rank(x), x.file, x.line) < std::make_tuple(y.kind, rank(y), y.file, y.line);
  });
  std::vector<ConfigProblem> problems;
  for (auto& [_, problem] : found) problems.push_back(std::move(problem));
  return problems;
}

}  // namespace skiff::kernel

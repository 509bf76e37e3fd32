#include "kernel/server/broker_loggers.h"

#include <map>
#include <optional>
#include <string>

#include "kernel/logging/log_level.h"
#include "kernel/logging/log_manager.h"

namespace skiff::kernel::server {
namespace {

std::map<std::string, std::string> current_levels(const LogManager& logs) {
  std::map<std::string, std::string> out;
  for (const auto& [name, level] : logs.subsystem_levels()) {
    out[name] = std::string(log_level_name(level));
  }
  return out;
}

}  // namespace

std::vector<DescribedConfig> describe_broker_loggers(const LogManager& logs) {
  std::vector<DescribedConfig> out;
  for (auto& [name, level] : current_levels(logs)) {
    DescribedConfig config;
    config.name = name;
    config.value = level;
    config.source = config_source::kDynamicBrokerLogger;
    config.type = wire_type(sdk::ConfigType::kString);
    config.documentation = "The level of the '" + name + "' subsystem's log.";
    out.push_back(std::move(config));
  }
  return out;
}

ConfigOutcome alter_broker_loggers(LogManager& logs, const ConfigChangeBuilder& build,
                                   bool validate_only) {
  sdk::ConfigChanges changes;
  auto no_declared_keys = [](std::string_view) -> const sdk::ConfigKey* { return nullptr; };
  if (auto outcome = build(current_levels(logs), no_declared_keys, changes); !outcome.ok()) {
    return outcome;
  }
  std::map<std::string, std::optional<sdk::LogLevel>> levels;
  for (const auto& [name, value] : changes) {
    if (!value) {
      levels[name] = std::nullopt;
      continue;
    }
    auto level = parse_log_level(*value);
    if (!level) {
      return {sdk::ErrorCode::kInvalidConfig,
              "Cannot set the log level of " + name + " to " + *value +
                  " as it is not a supported log level. Valid log levels are TRACE, DEBUG, "
                  "INFO, WARN, ERROR"};
    }
    levels[name] = level;
  }
  if (!validate_only) {
    for (const auto& [name, level] : levels) logs.set_subsystem_level(name, level);
  }
  return {};
}

}  // namespace skiff::kernel::server

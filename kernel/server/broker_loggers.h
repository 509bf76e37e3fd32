// The BROKER_LOGGER config resource (kafka-configs.sh --entity-type broker-loggers):
// each subsystem logger is a config named after it whose value is its level.
// DescribeConfigs lists them; IncrementalAlterConfigs SETs a level or DELETEs the
// override. As in Kafka, such changes live in memory only: a restart, SIGHUP or
// AlterConfigs of log.levels brings back the configured levels.
#pragma once

#include <vector>

#include "kernel/server/config_alteration.h"
#include "kernel/server/config_describer.h"

namespace skiff::kernel {
class LogManager;
}

namespace skiff::kernel::server {

std::vector<DescribedConfig> describe_broker_loggers(const LogManager& logs);

ConfigOutcome alter_broker_loggers(LogManager& logs, const ConfigChangeBuilder& build,
                                   bool validate_only);

}  // namespace skiff::kernel::server

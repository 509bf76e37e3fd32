// librdkafka client configuration for a command, layered like Kafka's tools: the
// command's defaults, then --bootstrap-server, then the --command-config file, then
// the command's explicit options (later layers win).
#pragma once

#include <vector>

#include "common/args.h"
#include "common/properties.h"
#include "common/rdkafka_handles.h"

namespace skiff::cli {

// Options every command takes; declared once so all commands spell them alike.
void declare_connection_options(OptionTable& options);

ConfPtr make_client_conf(const ParsedArgs& args, const std::vector<Property>& defaults,
                         const std::vector<Property>& overrides);

// Sets one property; UsageError naming the property's origin if librdkafka rejects it.
void set_conf(rd_kafka_conf_t* conf, const Property& property);

// Creates the client; librdkafka takes ownership of `conf` only on success.
KafkaPtr make_client(rd_kafka_type_t type, ConfPtr conf);

}  // namespace skiff::cli

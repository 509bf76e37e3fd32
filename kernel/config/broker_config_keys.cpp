#include "kernel/config/broker_config_keys.h"

#include "skiff/sdk/config_key_builder.h"
#include "kernel/logging/log_level.h"

namespace skiff::kernel {

namespace {

using sdk::ConfigType;
using K = sdk::ConfigKeyBuilder;

std::string key(std::string_view name) { return std::string(name); }

void declare_identity_and_plugins(ConfigSchemaRegistry& s) {
  using namespace broker_keys;
  s.define(K(key(kNodeId), ConfigType::kInt, "1",
             "The id of this broker. broker.id is an alias: set either one.")
               .at_least(0));
  s.define(K(key(kBrokerId), ConfigType::kInt, "1", "Alias of node.id, as in older Kafka.")
               .at_least(0));
  s.define(K(key(kPluginPath), ConfigType::kString, std::string(default_plugin_path()),
             "Directories searched for plugin shared objects (*.so), separated by ':' or ','."));
  s.define(K(key(kStorageEngine), ConfigType::kString, "log",
             "The storage extension to use, by the name its plugin registered."));
  s.define(K(key(kControllerType), ConfigType::kString, "local",
             "The controller extension to use, by the name its plugin registered."));
  s.define(K(key(kAuthorizerClassName), ConfigType::kString, "",
             "The authorizer extension to use; empty allows every operation."));
  s.define(K(key(kConfigDDir), ConfigType::kString, std::nullopt,
             "Directory of *.conf snippets read after the main file, in lexical order. "
             "Default: conf.d beside the main file. Relative paths are relative to the "
             "main file's directory."));
}

void declare_network(ConfigSchemaRegistry& s) {
  using namespace broker_keys;
  s.define(K(key(kListeners), ConfigType::kList, "PLAINTEXT://:9092",
             "Comma-separated listener URIs (NAME://host:port) the broker binds."));
  s.define(K(key(kAdvertisedListeners), ConfigType::kList, std::nullopt,
             "Listener URIs published to clients; default: listeners."));
  s.define(K(key(kListenerSecurityProtocolMap), ConfigType::kString,
             "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL",
             "Maps listener names to security protocols (NAME:PROTOCOL,...)."));
  s.define(K(key(kNumNetworkThreads), ConfigType::kInt, "3",
             "Threads receiving requests from and sending responses to the network.")
               .at_least(1));
  s.define(K(key(kNumIoThreads), ConfigType::kInt, "8",
             "Threads processing requests, which may include disk I/O.")
               .at_least(1));
  s.define(K(key(kSocketSendBufferBytes), ConfigType::kInt, "102400",
             "SO_SNDBUF of server sockets; -1 uses the OS default.")
               .at_least(-1));
  s.define(K(key(kSocketReceiveBufferBytes), ConfigType::kInt, "102400",
             "SO_RCVBUF of server sockets; -1 uses the OS default.")
               .at_least(-1));
  s.define(K(key(kSocketRequestMaxBytes), ConfigType::kInt, "104857600",
             "The largest request the broker accepts, in bytes.")
               .at_least(1));
  s.define(K(key(kQueuedMaxRequests), ConfigType::kInt, "500",
             "Requests queued for the I/O threads before the network threads stop reading.")
               .at_least(1));
  s.define(K(key(kQueuedMaxRequestsPerConnection), ConfigType::kInt, "16",
             "Requests of one connection read ahead while its earlier requests are handled "
             "(responses are still written in request order).")
               .at_least(1));
  s.define(K(key(kConnectionsMaxIdleMs), ConfigType::kLong, "600000",
             "Idle connections are closed after this many milliseconds.")
               .at_least(0));
}

void declare_topic_defaults(ConfigSchemaRegistry& s) {
  using namespace broker_keys;
  s.define(K(key(kAutoCreateTopicsEnable), ConfigType::kBoolean, "true",
             "Create a topic when a client asks for metadata of an unknown one."));
  s.define(K(key(kNumPartitions), ConfigType::kInt, "1", "Default partitions of a new topic.")
               .at_least(1));
  s.define(K(key(kDefaultReplicationFactor), ConfigType::kInt, "1",
             "Default replication factor of a new topic.")
               .at_least(1));
  s.define(K(key(kDeleteTopicEnable), ConfigType::kBoolean, "true",
             "Allow deleting topics with DeleteTopics."));
  s.define(K(key(kMessageMaxBytes), ConfigType::kInt, "1048588",
             "The largest record batch the broker accepts (topic config max.message.bytes).")
               .at_least(0)
               .dynamic());
  s.define(K(key(kCompressionType), ConfigType::kString, "producer",
             "Compression of stored batches; 'producer' keeps the producer's codec "
             "(topic config compression.type).")
               .one_of({"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"})
               .dynamic());
  s.define(K(key(kLogMessageTimestampType), ConfigType::kString, "CreateTime",
             "Whether record timestamps are the producer's or the append time "
             "(topic config message.timestamp.type).")
               .one_of({"CreateTime", "LogAppendTime"})
               .dynamic());
  s.define(K(key(kLogCleanupPolicy), ConfigType::kList, "delete",
             "Retention policy of old segments: delete, compact or both "
             "(topic config cleanup.policy).")
               .one_of({"compact", "delete"})
               .dynamic());
  s.define(K(key(kMinInsyncReplicas), ConfigType::kInt, "1",
             "Replicas that must acknowledge a write with acks=all.")
               .at_least(1)
               .dynamic());
  s.define(K(key(kUncleanLeaderElectionEnable), ConfigType::kBoolean, "false",
             "Allow a replica outside the ISR to become leader (may lose data).")
               .dynamic());
}

void declare_logging(ConfigSchemaRegistry& s) {
  using namespace broker_keys;
  s.define(K(key(kLogLevel), ConfigType::kString, "info", "Level of every subsystem's logger.")
               .one_of({"trace", "debug", "info", "warn", "error"})
               .dynamic());
  s.define(K(key(kLogFormat), ConfigType::kString, "plain",
             "Log line format on stderr: plain text or JSON lines.")
               .one_of({"plain", "json"})
               .dynamic());
  s.define(K(key(kLogLevels), ConfigType::kString, "",
             "Per-subsystem levels overriding log.level, e.g. net=debug,storage=warn.")
               .dynamic());
  s.define(K("log.request.apis", ConfigType::kList, "",
             "APIs whose every request is logged on the 'request' logger (client, principal, "
             "outcome, times), by name as in ApiVersions: e.g. Produce,Fetch; * for all.")
               .dynamic());
  s.add_check(kLogLevels, [](std::string_view value) {
    return parse_level_overrides(value).error;
  });
}

// node.id <-> broker.id: one set explicitly defines both; both set must agree.
void derive_broker_id(RawConfig& values, std::vector<ConfigProblem>& problems) {
  using namespace broker_keys;
  auto node = values.find(kNodeId);
  auto broker = values.find(kBrokerId);
  if (node != values.end() && broker != values.end()) {
    if (node->second.value != broker->second.value) {
      problems.push_back({broker->second.source.to_string(),
                          "broker.id=" + broker->second.value + " differs from node.id=" +
                              node->second.value + " (" + node->second.source.to_string() +
                              "); set only one of them"});
    }
  } else if (node != values.end()) {
    values.emplace(key(kBrokerId), node->second);
  } else if (broker != values.end()) {
    values.emplace(key(kNodeId), broker->second);
  }
}

}  // namespace

std::string_view default_plugin_path() {
#ifdef SKIFF_DEFAULT_PLUGIN_PATH
  return SKIFF_DEFAULT_PLUGIN_PATH;
#else
  return "/usr/lib/skiff/plugins";
#endif
}

void declare_broker_config(ConfigSchemaRegistry& schema) {
  declare_identity_and_plugins(schema);
  declare_network(schema);
  declare_topic_defaults(schema);
  declare_logging(schema);
  schema.add_derivation(derive_broker_id);
}

}  // namespace skiff::kernel

// The kernel's own broker config keys, with Kafka's names, types, defaults and
// ranges (plugins declare theirs, e.g. log.dirs and log.segment.bytes come from
// the storage plugin). declare_broker_config() also installs the rules a ConfigKey
// cannot express:
//   - node.id and broker.id are aliases: if only one is set, it sets both; if both
//     are set they must agree.
//   - log.levels must parse as "subsystem=level,...".
#pragma once

#include <string_view>

#include "kernel/config/config_schema_registry.h"

namespace skiff::kernel {

namespace broker_keys {
inline constexpr std::string_view kNodeId = "node.id";
inline constexpr std::string_view kBrokerId = "broker.id";
inline constexpr std::string_view kListeners = "listeners";
inline constexpr std::string_view kAdvertisedListeners = "advertised.listeners";
inline constexpr std::string_view kListenerSecurityProtocolMap = "listener.security.protocol.map";
inline constexpr std::string_view kNumNetworkThreads = "num.network.threads";
inline constexpr std::string_view kNumIoThreads = "num.io.threads";
inline constexpr std::string_view kSocketSendBufferBytes = "socket.send.buffer.bytes";
inline constexpr std::string_view kSocketReceiveBufferBytes = "socket.receive.buffer.bytes";
inline constexpr std::string_view kSocketRequestMaxBytes = "socket.request.max.bytes";
inline constexpr std::string_view kQueuedMaxRequests = "queued.max.requests";
inline constexpr std::string_view kQueuedMaxRequestsPerConnection =
    "skiff.queued.max.requests.per.connection";
inline constexpr std::string_view kConnectionsMaxIdleMs = "connections.max.idle.ms";
inline constexpr std::string_view kAutoCreateTopicsEnable = "auto.create.topics.enable";
inline constexpr std::string_view kNumPartitions = "num.partitions";
inline constexpr std::string_view kDefaultReplicationFactor = "default.replication.factor";
inline constexpr std::string_view kDeleteTopicEnable = "delete.topic.enable";
inline constexpr std::string_view kMessageMaxBytes = "message.max.bytes";
inline constexpr std::string_view kPluginPath = "plugin.path";
inline constexpr std::string_view kStorageEngine = "storage.engine";
inline constexpr std::string_view kControllerType = "controller.type";
inline constexpr std::string_view kAuthorizerClassName = "authorizer.class.name";
inline constexpr std::string_view kConfigDDir = "config.d.dir";
inline constexpr std::string_view kLogLevel = "log.level";
inline constexpr std::string_view kLogFormat = "log.format";
inline constexpr std::string_view kLogLevels = "log.levels";
inline constexpr std::string_view kCompressionType = "compression.type";
inline constexpr std::string_view kLogMessageTimestampType = "log.message.timestamp.type";
inline constexpr std::string_view kLogCleanupPolicy = "log.cleanup.policy";
inline constexpr std::string_view kMinInsyncReplicas = "min.insync.replicas";
inline constexpr std::string_view kUncleanLeaderElectionEnable = "unclean.leader.election.enable";
}  // namespace broker_keys

// The plugin directory used when plugin.path is not set: SKIFF_DEFAULT_PLUGIN_PATH
// if the build defines it, else /usr/lib/skiff/plugins.
std::string_view default_plugin_path();

// Declares the keys above (owned by "kernel") and installs their extra rules.
void declare_broker_config(ConfigSchemaRegistry& schema);

}  // namespace skiff::kernel

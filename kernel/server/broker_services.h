// Everything a request handler may use: configuration, the controller and storage
// extension points, the partitions hosted here, long-poll waiters and the producer
// id allocator. Owned by the app; handlers get it through RequestContext.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kernel/runtime/runtime.h"
#include "kernel/server/fetch_waiters.h"
#include "kernel/server/partition_manager.h"
#include "kernel/server/producer_id_allocator.h"
#include "skiff/sdk/authorizer.h"
#include "skiff/sdk/controller.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/storage.h"

namespace skiff::kernel {
class ConfigStore;
class LogManager;
}
namespace skiff::kernel::groups {
class GroupCoordinator;
}
namespace skiff::kernel::metrics {
class RequestMetrics;
class BrokerTopicMetrics;
}

namespace skiff::kernel::server {

class HandlerTable;
class FetchSessions;
class RequestLog;

struct BrokerServices {
  ConfigStore& config;
  sdk::Controller& controller;
  sdk::StorageEngine& storage;
  PartitionManager& partitions;
  FetchWaiters& fetch_waiters;
  FetchSessions& fetch_sessions;
  ProducerIdAllocator& producer_ids;
  Runtime& runtime;
  const HandlerTable& handlers;
  sdk::Logger& logger;
  int32_t node_id = 1;
  // Null when no authorizer is configured: everything is allowed.
  std::shared_ptr<sdk::Authorizer> authorizer;
  // Applies a changed broker config everywhere it is cached (loggers, plugins, the
  // topic defaults of every partition log); called after SIGHUP and AlterConfigs.
  std::function<void()> broker_config_changed;
  // Consumer groups and committed offsets (kernel/groups).
  groups::GroupCoordinator& groups;
  // Request and per-topic metrics (kernel/metrics); null when nothing records them.
  metrics::RequestMetrics* request_metrics = nullptr;
  metrics::BrokerTopicMetrics* topic_metrics = nullptr;
  // The per-API request log (log.request.apis); null: none.
  RequestLog* request_log = nullptr;
  // Subsystem loggers, whose levels BROKER_LOGGER configs change; null: none.
  LogManager* logs = nullptr;
};

}  // namespace skiff::kernel::server

// GroupSubsystem: consumer groups as the broker runs them, built from the config:
// the LMDB offset store in <first log.dirs>/__skiff_groups, the loaded
// GroupCoordinator, and the timers that drive it. Destroyed in the right order:
// timers, then the coordinator, then the store (which finishes its writes).
#pragma once

#include <filesystem>
#include <memory>

#include <boost/asio/io_context.hpp>

#include "kernel/groups/coordinator_timers.h"
#include "kernel/groups/group_coordinator.h"
#include "kernel/groups/offset_store.h"
#include "skiff/sdk/config.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/scheduler.h"

namespace skiff::kernel::groups {

// <first entry of log.dirs>/__skiff_groups; throws if log.dirs is empty.
std::filesystem::path group_store_dir(const sdk::ConfigView& config);

class GroupSubsystem {
 public:
  // Opens the store and loads every group; throws on a store that cannot be used.
  GroupSubsystem(const sdk::ConfigView& config, boost::asio::io_context& control,
                 sdk::Scheduler& scheduler, sdk::Logger& logger);
  ~GroupSubsystem();

  GroupCoordinator& coordinator() { return *coordinator_; }
  // Answers parked requests with NOT_COORDINATOR and stops the timers; call
  // before the network drains in-flight requests.
  void shutdown();

 private:
  std::unique_ptr<OffsetStore> store_;
  std::unique_ptr<GroupCoordinator> coordinator_;
  std::unique_ptr<CoordinatorTimers> timers_;
};

}  // namespace skiff::kernel::groups

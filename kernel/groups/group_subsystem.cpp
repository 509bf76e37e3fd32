// Construction and shutdown of the broker's consumer-group subsystem.
#include "kernel/groups/group_subsystem.h"

#include <stdexcept>

#include "kernel/groups/lmdb_offset_store.h"

namespace skiff::kernel::groups {

std::filesystem::path group_store_dir(const sdk::ConfigView& config) {
  auto dirs = config.get_list("log.dirs");
  if (dirs.empty()) throw std::runtime_error("log.dirs is empty: no place for the group store");
  return std::filesystem::path(dirs.front()) / "__skiff_groups";
}

GroupSubsystem::GroupSubsystem(const sdk::ConfigView& config, boost::asio::io_context& control,
                               sdk::Scheduler& scheduler, sdk::Logger& logger) {
  GroupConfig group_config = read_group_config(config);
  store_ = std::make_unique<LmdbOffsetStore>(group_store_dir(config), group_config.num_partitions,
                                             logger);
  coordinator_ = std::make_unique<GroupCoordinator>(group_config, *store_, logger);
  timers_ = std::make_unique<CoordinatorTimers>(*coordinator_, control, scheduler);
  coordinator_->load();
}

GroupSubsystem::~GroupSubsystem() {
  shutdown();
  timers_.reset();
  coordinator_.reset();
  store_.reset();
}

void GroupSubsystem::shutdown() {
  if (timers_) timers_->stop();
  if (coordinator_) coordinator_->shutdown();
}

}  // namespace skiff::kernel::groups

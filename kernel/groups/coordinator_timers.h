// CoordinatorTimers: what makes a GroupCoordinator's time pass in the broker. One
// steady_timer on the control loop is armed for the earliest group deadline
// (session expiry, rebalance timeout, initial delay, pending sync) and runs the
// due ones; a Scheduler task runs offset expiry every
// offsets.retention.check.interval.ms. No thread or timer object per group.
#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>

#include "kernel/groups/group_coordinator.h"
#include "skiff/sdk/scheduler.h"

namespace skiff::kernel::groups {

class CoordinatorTimers {
 public:
  // Installs itself as the coordinator's wake-up; call before the coordinator loads.
  CoordinatorTimers(GroupCoordinator& coordinator, boost::asio::io_context& control,
                    sdk::Scheduler& scheduler);
  // Stops both timers; callbacks already queued do nothing.
  ~CoordinatorTimers();
  CoordinatorTimers(const CoordinatorTimers&) = delete;
  CoordinatorTimers& operator=(const CoordinatorTimers&) = delete;

  void stop();

 private:
  struct State;
  std::shared_ptr<State> state_;
  std::unique_ptr<sdk::TimerHandle> expiry_;
};

}  // namespace skiff::kernel::groups

// The Scheduler plugins get in the CLI: a short-lived command runs no event loop, so
// every request fails loudly (std::runtime_error) instead of silently never running.
#pragma once

#include "skiff/sdk/scheduler.h"

namespace skiff::cli {

class UnsupportedScheduler : public sdk::Scheduler {
 public:
  std::unique_ptr<sdk::TimerHandle> run_after(std::chrono::milliseconds delay,
                                              std::function<void()> task) override;
  std::unique_ptr<sdk::TimerHandle> run_every(std::chrono::milliseconds period,
                                              std::function<void()> task) override;
  void run_blocking(std::function<void()> task) override;
};

}  // namespace skiff::cli

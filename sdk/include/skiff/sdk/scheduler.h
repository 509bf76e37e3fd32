// Timers on the kernel's event loop, so plugins need no threads of their own for
// periodic work (retention, flush.ms, session expiry).
#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace skiff::sdk {

// Cancels the timer when cancelled or destroyed.
class TimerHandle {
 public:
  virtual ~TimerHandle() = default;
  virtual void cancel() = 0;
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // Runs `task` once after `delay`. Tasks may run on any kernel thread.
  virtual std::unique_ptr<TimerHandle> run_after(std::chrono::milliseconds delay,
                                                 std::function<void()> task) = 0;
  // Runs `task` every `period` until the handle is cancelled or destroyed.
  virtual std::unique_ptr<TimerHandle> run_every(std::chrono::milliseconds period,
                                                 std::function<void()> task) = 0;
  // Runs `task` soon on a thread that may block (disk I/O, fsync).
  virtual void run_blocking(std::function<void()> task) = 0;
};

}  // namespace skiff::sdk

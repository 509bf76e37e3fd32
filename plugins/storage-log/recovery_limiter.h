// RecoveryLimiter: bounds how many partitions of one log directory run crash
// recovery (a full CRC scan of their last segment) at once —
// num.recovery.threads.per.data.dir — so a restart after a crash does not thrash
// the disk when the kernel opens many partitions in parallel.
#pragma once

#include <condition_variable>
#include <mutex>

namespace skiff::storage {

class RecoveryLimiter {
 public:
  explicit RecoveryLimiter(int permits) : permits_(permits < 1 ? 1 : permits) {}

  class Permit {
   public:
    explicit Permit(RecoveryLimiter* limiter) : limiter_(limiter) {
      if (limiter_) limiter_->acquire();
    }
    ~Permit() {
      if (limiter_) limiter_->release();
    }
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;

   private:
    RecoveryLimiter* limiter_;
  };

 private:
  void acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return permits_ > 0; });
    --permits_;
  }
  void release() {
    {
      std::lock_guard lock(mu_);
      ++permits_;
    }
    cv_.notify_one();
  }

  std::mutex mu_;
  std::condition_variable cv_;
  int permits_;
};

}  // namespace skiff::storage

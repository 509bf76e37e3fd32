// Long-poll support for Fetch ("fetch purgatory"): a fetch that has less than
// min.bytes parks here until one of its partitions receives data or its
// max.wait.ms passes, without holding a thread.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "skiff/sdk/types.h"

namespace skiff::kernel::server {

class FetchWaiters {
 public:
  enum class WakeReason { kData, kTimeout, kShutdown };
  using WakeFn = std::function<void(WakeReason)>;

  explicit FetchWaiters(boost::asio::io_context& timer_context);

  // `wake` runs exactly once, on the timer context or the notifying thread.
  void wait(const std::vector<sdk::TopicPartition>& partitions, std::chrono::milliseconds timeout,
            WakeFn wake);
  // New data on a partition: wake everything waiting on it.
  void notify(const sdk::TopicPartition& partition);
  // Wake everything (broker stopping).
  void shutdown();
  size_t size() const;

 private:
  struct Waiter {
    explicit Waiter(boost::asio::io_context& io) : timer(io) {}
    boost::asio::steady_timer timer;
    std::atomic<bool> fired{false};
    WakeFn wake;
    std::vector<sdk::TopicPartition> partitions;
  };
  void fire(const std::shared_ptr<Waiter>& waiter, WakeReason reason);

  boost::asio::io_context& timer_context_;
  mutable std::mutex mutex_;
  std::multimap<sdk::TopicPartition, std::shared_ptr<Waiter>> by_partition_;
  bool shut_down_ = false;
};

}  // namespace skiff::kernel::server

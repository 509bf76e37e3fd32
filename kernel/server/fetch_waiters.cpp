#include "kernel/server/fetch_waiters.h"

#include <boost/asio/post.hpp>

namespace skiff::kernel::server {

FetchWaiters::FetchWaiters(boost::asio::io_context& timer_context)
    : timer_context_(timer_context) {}

void FetchWaiters::wait(const std::vector<sdk::TopicPartition>& partitions,
                        std::chrono::milliseconds timeout, WakeFn wake) {
  auto waiter = std::make_shared<Waiter>(timer_context_);
  waiter->wake = std::move(wake);
  waiter->partitions = partitions;
  {
    std::lock_guard lock(mutex_);
    if (shut_down_) {
      waiter->fired = true;
      waiter->wake(WakeReason::kShutdown);
      return;
    }
    for (const auto& tp : partitions) by_partition_.emplace(tp, waiter);
  }
  boost::asio::post(timer_context_, [this, waiter, timeout] {
    if (waiter->fired) return;
    waiter->timer.expires_after(timeout);
    waiter->timer.async_wait([this, waiter](const boost::system::error_code& ec) {
      if (!ec) fire(waiter, WakeReason::kTimeout);
    });
  });
}

void FetchWaiters::fire(const std::shared_ptr<Waiter>& waiter, WakeReason reason) {
  if (waiter->fired.exchange(true)) return;
  {
    std::lock_guard lock(mutex_);
    for (const auto& tp : waiter->partitions) {
      auto [begin, end] = by_partition_.equal_range(tp);
      for (auto it = begin; it != end; ++it) {
        if (it->second == waiter) {
          by_partition_.erase(it);
          break;
        }
      }
    }
  }
  boost::asio::post(timer_context_, [waiter] { waiter->timer.cancel(); });
  waiter->wake(reason);
}

void FetchWaiters::notify(const sdk::TopicPartition& partition) {
  std::vector<std::shared_ptr<Waiter>> woken;
  {
    std::lock_guard lock(mutex_);
    auto [begin, end] = by_partition_.equal_range(partition);
    for (auto it = begin; it != end; ++it) woken.push_back(it->second);
  }
  for (auto& w : woken) fire(w, WakeReason::kData);
}

void FetchWaiters::shutdown() {
  std::vector<std::shared_ptr<Waiter>> all;
  {
    std::lock_guard lock(mutex_);
    shut_down_ = true;
    for (auto& [tp, w] : by_partition_) all.push_back(w);
  }
  for (auto& w : all) fire(w, WakeReason::kShutdown);
}

size_t FetchWaiters::size() const {
  std::lock_guard lock(mutex_);
  return by_partition_.size();
}

}  // namespace skiff::kernel::server

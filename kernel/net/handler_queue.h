// HandlerQueue: how many requests wait for a request handler thread, bounded by
// queued.max.requests. Once it is full the network threads stop reading new
// requests until the handler threads catch up (Kafka's request channel does the
// same), so a burst cannot queue unbounded work and memory behind busy handlers.
#pragma once

#include <atomic>
#include <cstddef>

namespace skiff::kernel::net {

class HandlerQueue {
 public:
  explicit HandlerQueue(size_t limit) : limit_(limit) {}

  bool full() const { return waiting_.load(std::memory_order_relaxed) >= limit_; }
  size_t waiting() const { return waiting_.load(std::memory_order_relaxed); }
  // A request was handed to the handler threads / a handler thread took it.
  void entered() { waiting_.fetch_add(1, std::memory_order_relaxed); }
  void left() { waiting_.fetch_sub(1, std::memory_order_relaxed); }

 private:
  const size_t limit_;
  std::atomic<size_t> waiting_{0};
};

}  // namespace skiff::kernel::net

// Hands out producer ids for InitProducerId from blocks the controller reserves
// durably, so ids are never reused across restarts.
#pragma once

#include <cstdint>
#include <mutex>

#include "skiff/sdk/controller.h"

namespace skiff::kernel::server {

class ProducerIdAllocator {
 public:
  explicit ProducerIdAllocator(sdk::Controller& controller, int32_t block_size = 1000)
      : controller_(controller), block_size_(block_size) {}

  int64_t next() {
    std::lock_guard lock(mutex_);
    if (remaining_ == 0) {
      auto block = controller_.allocate_producer_ids(block_size_);
      next_ = block.first_id;
      remaining_ = block.count;
    }
    --remaining_;
    return next_++;
  }

 private:
  sdk::Controller& controller_;
  const int32_t block_size_;
  std::mutex mutex_;
  int64_t next_ = 0;
  int32_t remaining_ = 0;
};

}  // namespace skiff::kernel::server

#include "tend_queue.h"

#include <utility>

namespace skiff::storage {

void TendQueue::add(std::weak_ptr<Log> log) {
  std::lock_guard lock(mu_);
  queued_.push_back(std::move(log));
}

std::vector<std::shared_ptr<Log>> TendQueue::take() {
  std::vector<std::weak_ptr<Log>> queued;
  {
    std::lock_guard lock(mu_);
    queued.swap(queued_);
  }
  std::vector<std::shared_ptr<Log>> out;
  out.reserve(queued.size());
  for (auto& weak : queued) {
    if (auto log = weak.lock()) out.push_back(std::move(log));
  }
  return out;
}

}  // namespace skiff::storage

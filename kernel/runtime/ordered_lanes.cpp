// OrderedLanes on Asio strands of the pool's executor.
#include "kernel/runtime/ordered_lanes.h"

#include <algorithm>
#include <atomic>

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

namespace skiff::kernel {

struct OrderedLanes::Lane {
  explicit Lane(boost::asio::thread_pool& pool) : strand(pool.get_executor()) {}
  boost::asio::strand<boost::asio::thread_pool::executor_type> strand;
  std::atomic<size_t> pending{0};
};

OrderedLanes::OrderedLanes(boost::asio::thread_pool& pool, size_t lanes) {
  for (size_t i = 0; i < std::max<size_t>(1, lanes); ++i) {
    lanes_.push_back(std::make_unique<Lane>(pool));
  }
}

OrderedLanes::~OrderedLanes() = default;

bool OrderedLanes::busy(size_t lane) const {
  return lanes_[lane]->pending.load(std::memory_order_acquire) > 0;
}

void OrderedLanes::post(size_t lane, std::function<void()> work) {
  Lane& l = *lanes_[lane];
  l.pending.fetch_add(1, std::memory_order_relaxed);
  boost::asio::post(l.strand, [&l, work = std::move(work)] {
    work();
    l.pending.fetch_sub(1, std::memory_order_release);
  });
}

}  // namespace skiff::kernel

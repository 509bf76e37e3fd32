// OrderedLanes: serial queues ("lanes") on a thread pool. Work posted to one lane
// runs one item at a time, in the order posted; different lanes run in parallel.
// Produce uses them to append a connection's pipelined requests to different
// partitions at once while each partition's appends stay in request order.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include <boost/asio/thread_pool.hpp>

namespace skiff::kernel {

class OrderedLanes {
 public:
  OrderedLanes(boost::asio::thread_pool& pool, size_t lanes);
  ~OrderedLanes();
  OrderedLanes(const OrderedLanes&) = delete;
  OrderedLanes& operator=(const OrderedLanes&) = delete;

  // The lane for work keyed by `key_hash`; equal keys always share a lane.
  size_t lane_of(size_t key_hash) const { return key_hash % lanes_.size(); }
  // Whether work posted to `lane` has not finished yet. Work that must stay in
  // order with earlier work of its key may skip the lane only when it is idle.
  bool busy(size_t lane) const;
  void post(size_t lane, std::function<void()> work);

 private:
  struct Lane;
  std::vector<std::unique_ptr<Lane>> lanes_;
};

}  // namespace skiff::kernel

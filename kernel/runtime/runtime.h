// The broker's threads: a control loop (timers, signals), one Asio io_context per
// network thread (sockets), and a pool of I/O threads (request handling, disk).
// It is also the SDK Scheduler that plugins use for timers.
#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "kernel/runtime/ordered_lanes.h"
#include "skiff/sdk/scheduler.h"

namespace skiff::kernel {

class Runtime final : public sdk::Scheduler {
 public:
  Runtime(int network_threads, int io_threads);
  ~Runtime() override;
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  boost::asio::io_context& control() { return control_; }
  // Network contexts are handed out round-robin, one per new connection.
  boost::asio::io_context& next_network_context();
  boost::asio::thread_pool& io_pool() { return *io_pool_; }
  // Serial queues on the I/O pool (see OrderedLanes).
  OrderedLanes& io_lanes() { return *io_lanes_; }

  // Starts the network threads and a control thread.
  void start();
  // Stops the loops and joins every thread; pending I/O-pool work finishes first.
  void stop();

  std::unique_ptr<sdk::TimerHandle> run_after(std::chrono::milliseconds delay,
                                              std::function<void()> task) override;
  std::unique_ptr<sdk::TimerHandle> run_every(std::chrono::milliseconds period,
                                              std::function<void()> task) override;
  void run_blocking(std::function<void()> task) override;

 private:
  using WorkGuard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

  // Declared before control_ so they are destroyed after it: the listeners' accept
  // operations queued on control_ hold sockets of the network contexts, and
  // destroying those operations needs the network contexts' socket services.
  std::vector<std::unique_ptr<boost::asio::io_context>> network_;
  boost::asio::io_context control_;
  std::unique_ptr<boost::asio::thread_pool> io_pool_;
  std::unique_ptr<OrderedLanes> io_lanes_;
  std::vector<WorkGuard> guards_;
  std::vector<std::thread> threads_;
  std::atomic<size_t> next_network_{0};
  bool started_ = false;
};

}  // namespace skiff::kernel

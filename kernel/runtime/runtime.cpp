#include "kernel/runtime/runtime.h"

#include <pthread.h>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace skiff::kernel {
namespace {

// A timer on the control loop. The shared state outlives the handle so a callback
// that is already queued sees `cancelled` and does nothing.
class AsioTimer final : public sdk::TimerHandle {
 public:
  struct State {
    explicit State(boost::asio::io_context& io) : timer(io) {}
    boost::asio::steady_timer timer;
    std::atomic<bool> cancelled{false};
    std::function<void()> task;
    std::chrono::milliseconds period{0};
  };

  explicit AsioTimer(std::shared_ptr<State> state) : state_(std::move(state)) {}
  ~AsioTimer() override { cancel(); }
  void cancel() override {
    if (state_->cancelled.exchange(true)) return;
    boost::asio::post(state_->timer.get_executor(), [s = state_] { s->timer.cancel(); });
  }

  static void arm(const std::shared_ptr<State>& state, std::chrono::milliseconds delay) {
    state->timer.expires_after(delay);
    state->timer.async_wait([state](const boost::system::error_code& ec) {
      if (ec || state->cancelled) return;
      state->task();
      if (state->period.count() > 0 && !state->cancelled) arm(state, state->period);
    });
  }

 private:
  std::shared_ptr<State> state_;
};

constexpr size_t kIoLanes = 64;

}  // namespace

Runtime::Runtime(int network_threads, int io_threads)
    : io_pool_(std::make_unique<boost::asio::thread_pool>(std::max(1, io_threads))),
      // Many more lanes than threads: keys that share a lane only lose parallelism.
      io_lanes_(std::make_unique<OrderedLanes>(*io_pool_, kIoLanes)) {
  for (int i = 0; i < std::max(1, network_threads); ++i) {
    network_.push_back(std::make_unique<boost::asio::io_context>(1));
  }
}

Runtime::~Runtime() { stop(); }

boost::asio::io_context& Runtime::next_network_context() {
  return *network_[next_network_++ % network_.size()];
}

void Runtime::start() {
  if (started_) return;
  started_ = true;
  guards_.emplace_back(control_.get_executor());
  threads_.emplace_back([this] { control_.run(); });
  for (auto& io : network_) {
    guards_.emplace_back(io->get_executor());
    threads_.emplace_back([ctx = io.get()] {
      // The name lets metrics find the network threads' CPU time in /proc.
      pthread_setname_np(pthread_self(), "skiff-net");
      ctx->run();
    });
  }
}

void Runtime::stop() {
  if (!started_) return;
  started_ = false;
  io_pool_->join();
  guards_.clear();
  control_.stop();
  for (auto& io : network_) io->stop();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

std::unique_ptr<sdk::TimerHandle> Runtime::run_after(std::chrono::milliseconds delay,
                                                     std::function<void()> task) {
  auto state = std::make_shared<AsioTimer::State>(control_);
  state->task = std::move(task);
  boost::asio::post(control_, [state, delay] { AsioTimer::arm(state, delay); });
  return std::make_unique<AsioTimer>(state);
}

std::unique_ptr<sdk::TimerHandle> Runtime::run_every(std::chrono::milliseconds period,
                                                     std::function<void()> task) {
  auto state = std::make_shared<AsioTimer::State>(control_);
  state->task = std::move(task);
  state->period = period;
  boost::asio::post(control_, [state, period] { AsioTimer::arm(state, period); });
  return std::make_unique<AsioTimer>(state);
}

void Runtime::run_blocking(std::function<void()> task) {
  boost::asio::post(*io_pool_, std::move(task));
}

}  // namespace skiff::kernel

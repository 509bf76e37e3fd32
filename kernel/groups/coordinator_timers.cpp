// The deadline timer and the periodic expiry task of the group coordinator.
#include "kernel/groups/coordinator_timers.h"

#include <atomic>
#include <chrono>
#include <limits>
#include <mutex>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

namespace skiff::kernel::groups {

namespace {
constexpr int64_t kUnarmed = std::numeric_limits<int64_t>::max();
}

// Shared with queued handlers, so they outlive the CoordinatorTimers safely.
struct CoordinatorTimers::State {
  explicit State(boost::asio::io_context& io) : timer(io) {}

  boost::asio::steady_timer timer;
  // The deadline the timer is (being) armed for; kUnarmed when idle.
  std::atomic<int64_t> armed{kUnarmed};
  std::mutex mutex;
  GroupCoordinator* coordinator = nullptr;  // null once stopped

  // Any thread: make sure the timer fires by `deadline`.
  static void request(const std::shared_ptr<State>& s, int64_t deadline) {
    int64_t current = s->armed.load();
    while (deadline < current) {
      if (s->armed.compare_exchange_weak(current, deadline)) {
        boost::asio::post(s->timer.get_executor(), [s] { arm(s); });
        return;
      }
    }
  }

  // Control loop: (re)arm for the earliest requested deadline; requests may be
  // posted out of order, so the atomic, not the posted value, decides.
  static void arm(const std::shared_ptr<State>& s) {
    int64_t at = s->armed.load();
    if (at == kUnarmed) return;
    s->timer.expires_at(std::chrono::steady_clock::time_point(std::chrono::milliseconds(at)));
    s->timer.async_wait([s](const boost::system::error_code& ec) {
      if (ec) return;  // re-armed or cancelled
      s->armed.store(kUnarmed);
      std::lock_guard lock(s->mutex);
      // Runs what is due and requests the next deadline.
      if (s->coordinator) s->coordinator->run_due_timers();
    });
  }
};

CoordinatorTimers::CoordinatorTimers(GroupCoordinator& coordinator,
                                     boost::asio::io_context& control, sdk::Scheduler& scheduler)
    : state_(std::make_shared<State>(control)) {
  state_->coordinator = &coordinator;
  std::weak_ptr<State> weak = state_;
  coordinator.set_wakeup([weak](int64_t deadline) {
    if (auto s = weak.lock()) State::request(s, deadline);
  });
  auto interval = std::chrono::milliseconds(coordinator.config().retention_check_interval_ms);
  expiry_ = scheduler.run_every(interval, [s = state_] {
    std::lock_guard lock(s->mutex);
    if (s->coordinator) s->coordinator->expire_offsets();
  });
}

CoordinatorTimers::~CoordinatorTimers() { stop(); }

void CoordinatorTimers::stop() {
  if (expiry_) expiry_->cancel();
  std::lock_guard lock(state_->mutex);
  state_->coordinator = nullptr;
  boost::asio::post(state_->timer.get_executor(), [s = state_] { s->timer.cancel(); });
}

}  // namespace skiff::kernel::groups

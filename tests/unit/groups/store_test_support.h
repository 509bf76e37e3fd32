// Test support for the offset store and the coordinator: a temporary store
// directory and synchronous waits on asynchronous store writes and callbacks.
#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <vector>

#include "../controller/temp_dir.h"
#include "kernel/groups/offset_store.h"

namespace skiff::test::groups {

using skiff::kernel::groups::OffsetStore;
using skiff::kernel::groups::StoreOp;
using skiff::kernel::groups::StoreWriteResult;

// A one-shot result another thread delivers; get() waits for it (5 s at most).
template <class T>
class Eventually {
 public:
  std::function<void(T)> callback() {
    return [p = promise_](T value) { p->set_value(std::move(value)); };
  }
  T get() {
    if (future_.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
      throw std::runtime_error("timed out waiting for a callback");
    }
    return future_.get();
  }
  bool ready() const { return future_.wait_for(std::chrono::seconds(0)) == std::future_status::ready; }

 private:
  std::shared_ptr<std::promise<T>> promise_ = std::make_shared<std::promise<T>>();
  std::future<T> future_ = promise_->get_future();
};

inline StoreWriteResult write_and_wait(OffsetStore& store, std::vector<StoreOp> ops) {
  Eventually<StoreWriteResult> done;
  auto cb = done.callback();
  store.write(std::move(ops), [cb](const StoreWriteResult& r) { cb(r); });
  return done.get();
}

}  // namespace skiff::test::groups

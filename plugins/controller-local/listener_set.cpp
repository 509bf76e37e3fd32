// Ordered delivery of metadata changes to listeners; see listener_set.h.
#include "listener_set.h"

#include <algorithm>
#include <utility>

namespace skiff::controller_local {

void ListenerSet::add(sdk::MetadataListener* listener) {
  std::lock_guard lock(mutex_);
  if (std::find(listeners_.begin(), listeners_.end(), listener) == listeners_.end()) {
    listeners_.push_back(listener);
  }
}

void ListenerSet::remove(sdk::MetadataListener* listener) {
  std::unique_lock lock(mutex_);
  std::erase(listeners_, listener);
  // Another thread may be inside this listener with a copy of the list; wait for
  // it, so the caller may destroy the listener once we return.
  if (delivering_ && deliverer_ != std::this_thread::get_id()) {
    idle_.wait(lock, [&] { return !delivering_; });
  }
}

void ListenerSet::enqueue(Change change, sdk::TopicInfo topic) {
  std::lock_guard lock(mutex_);
  queue_.push_back(Event{change, std::move(topic)});
}

void ListenerSet::deliver_pending() {
  std::unique_lock lock(mutex_);
  if (delivering_) return;
  delivering_ = true;
  deliverer_ = std::this_thread::get_id();
  while (!queue_.empty()) {
    Event event = std::move(queue_.front());
    queue_.pop_front();
    auto listeners = listeners_;
    lock.unlock();
    for (auto* listener : listeners) {
      // The change is already committed; a throwing listener must neither undo
      // that for the caller nor keep the others from hearing about it.
      try {
        if (event.change == Change::kChanged) {
          listener->on_topic_changed(event.topic);
        } else {
          listener->on_topic_deleted(event.topic);
        }
      } catch (...) {
      }
    }
    lock.lock();
  }
  delivering_ = false;
  idle_.notify_all();
}

}  // namespace skiff::controller_local

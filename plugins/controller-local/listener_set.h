// The controller's metadata listeners and the queue of changes waiting to be told
// to them. Changes are queued in commit order (while the writer still holds its
// lock) and delivered later without any controller lock, so a listener may call
// back into the controller; one thread delivers at a time, so order is kept.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "skiff/sdk/controller.h"

namespace skiff::controller_local {

class ListenerSet {
 public:
  enum class Change { kChanged, kDeleted };

  void add(sdk::MetadataListener* listener);
  // When it returns, `listener` is not being called and never will be again
  // (unless it is removed from inside its own callback, which is also safe).
  void remove(sdk::MetadataListener* listener);

  void enqueue(Change change, sdk::TopicInfo topic);
  // Delivers queued changes unless another thread is already doing so (that
  // thread then delivers these too).
  void deliver_pending();

 private:
  struct Event {
    Change change;
    sdk::TopicInfo topic;
  };

  std::mutex mutex_;
  std::condition_variable idle_;
  std::vector<sdk::MetadataListener*> listeners_;
  std::deque<Event> queue_;
  bool delivering_ = false;
  std::thread::id deliverer_;
};

}  // namespace skiff::controller_local

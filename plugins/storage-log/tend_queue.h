// TendQueue: the logs that appended or rolled since the last background tend pass
// (Log::tend_active_segment). Only they have disk work to do, so the pass every
// 100 ms costs nothing for idle partitions (walking all 10,000 logs of an idle
// broker took 6-7 % of a core).
#pragma once

#include <memory>
#include <mutex>
#include <vector>

namespace skiff::storage {

class Log;

class TendQueue {
 public:
  // Called by a log at most once per pass (it remembers being queued).
  void add(std::weak_ptr<Log> log);
  // The queued logs still alive; the queue is empty afterwards.
  std::vector<std::shared_ptr<Log>> take();

 private:
  std::mutex mu_;
  std::vector<std::weak_ptr<Log>> queued_;
};

}  // namespace skiff::storage

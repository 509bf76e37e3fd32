// Failed-authentication throttling by client address: the first failure is answered
// after connection.failed.authentication.delay.ms, each further one from the same
// address within a minute after twice as long, up to 30 s. Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace skiff::kernel::security {

class AuthFailureDelays {
 public:
  using Clock = std::chrono::steady_clock;

  // Records a failure from `address` and returns how long to wait before answering.
  std::chrono::milliseconds record_failure(const std::string& address,
                                           std::chrono::milliseconds base,
                                           Clock::time_point now = Clock::now());

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point last;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace skiff::kernel::security

#include "kernel/security/auth_failure_delays.h"

#include <algorithm>

namespace skiff::kernel::security {

namespace {
constexpr auto kForgetAfter = std::chrono::minutes(1);
constexpr auto kMaxDelay = std::chrono::milliseconds(30000);
constexpr size_t kMaxTracked = 100000;
}  // namespace

std::chrono::milliseconds AuthFailureDelays::record_failure(const std::string& address,
                                                            std::chrono::milliseconds base,
                                                            Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxTracked) {
    std::erase_if(entries_, [&](const auto& e) { return now - e.second.last > kForgetAfter; });
  }
  Entry& entry = entries_[address];
  if (entry.failures > 0 && now - entry.last > kForgetAfter) entry.failures = 0;
  entry.failures = std::min(entry.failures + 1, 20);
  entry.last = now;
  auto delay = base * (int64_t{1} << (entry.failures - 1));
  return std::min<std::chrono::milliseconds>(delay, kMaxDelay);
}

}  // namespace skiff::kernel::security

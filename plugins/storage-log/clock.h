// Clock: where the storage engine reads the wall-clock time (milliseconds since the
// epoch) for LogAppendTime, retention and rolling; tests substitute their own.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace skiff::storage {

using Clock = std::function<int64_t()>;

inline int64_t system_time_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace skiff::storage

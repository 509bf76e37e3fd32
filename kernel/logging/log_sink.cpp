#include "kernel/logging/log_sink.h"

#include <unistd.h>

#include <cerrno>

namespace skiff::kernel {

void StderrSink::write_line(std::string_view line) {
  std::lock_guard lock(mutex_);
  // One write(2) normally; the loop only continues after EINTR or a short write
  // (a full pipe), and gives up silently on other errors: logging must not throw.
  while (!line.empty()) {
    ssize_t n = ::write(STDERR_FILENO, line.data(), line.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    line.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace skiff::kernel

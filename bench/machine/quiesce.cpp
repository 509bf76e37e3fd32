// write_back_dirty_pages, settle_after_freeing_memory and load_average.
#include "machine/quiesce.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "common/bench_error.h"
#include "common/clock.h"
#include "common/fd.h"
#include "common/progress.h"

namespace skiff::bench {

double write_back_dirty_pages(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) throw_errno("open " + path.string());
  const Clock::time_point start = Clock::now();
  if (::syncfs(fd.get()) != 0) throw_errno("syncfs " + path.string());
  return seconds_since(start);
}

void settle_after_freeing_memory() {
  constexpr auto kSettle = std::chrono::seconds(5);
  progress("letting freed memory settle for " + std::to_string(kSettle.count()) + " s");
  std::this_thread::sleep_for(kSettle);
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

}  // namespace skiff::bench

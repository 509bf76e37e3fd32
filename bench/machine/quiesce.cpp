// write_back_dirty_pages and load_average.
#include "machine/quiesce.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>

#include "common/bench_error.h"
#include "common/clock.h"
#include "common/fd.h"

namespace skiff::bench {

double write_back_dirty_pages(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) throw_errno("open " + path.string());
  const Clock::time_point start = Clock::now();
  if (::syncfs(fd.get()) != 0) throw_errno("syncfs " + path.string());
  return seconds_since(start);
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

}  // namespace skiff::bench

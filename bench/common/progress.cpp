// progress(): timestamped lines on stderr; detail(): indented lines on stdout.
#include "common/progress.h"

#include <cstdio>

#include "common/clock.h"

namespace skiff::bench {

void progress(const std::string& line) {
  static const Clock::time_point start = Clock::now();
  std::fprintf(stderr, "[bench %6.1fs] %s\n", seconds_since(start), line.c_str());
  std::fflush(stderr);
}

void detail(const std::string& line) {
  std::fprintf(stdout, "  %s\n", line.c_str());
  std::fflush(stdout);
}

}  // namespace skiff::bench

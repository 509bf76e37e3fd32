// throw_errno: system-call failures as BenchError.
#include "common/bench_error.h"

#include <cerrno>
#include <cstring>

namespace skiff::bench {

void throw_errno(const std::string& what) {
  throw BenchError(what + ": " + std::strerror(errno));
}

}  // namespace skiff::bench

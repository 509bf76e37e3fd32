// Disk read limit: evict the file's pages, check how many stayed, let the freed
// memory settle, read the file back.
#include "machine/disk_read_limit.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "common/bench_error.h"
#include "common/clock.h"
#include "common/fd.h"
#include "common/units.h"
#include "machine/quiesce.h"

namespace skiff::bench {
namespace {

// Fraction of the file's pages in the page cache, or -1 if mincore is unavailable.
double cached_fraction(int fd, uint64_t size) {
  if (size == 0) return 0;
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) return -1;
  const long page = ::sysconf(_SC_PAGESIZE);
  std::vector<unsigned char> pages((size + page - 1) / page);
  double fraction = -1;
  if (::mincore(map, size, pages.data()) == 0) {
    size_t resident = 0;
    for (unsigned char p : pages) resident += p & 1;
    fraction = static_cast<double>(resident) / static_cast<double>(pages.size());
  }
  ::munmap(map, size);
  return fraction;
}

}  // namespace

DiskReadLimit measure_disk_read(const std::filesystem::path& file, double seconds) {
  Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) throw_errno("open " + file.string());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw_errno("stat " + file.string());
  const auto size = static_cast<uint64_t>(st.st_size);

  DiskReadLimit out;
  int rc = ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_DONTNEED);
  out.cached_fraction_before = cached_fraction(fd.get(), size);
  if (rc != 0) {
    out.cache_note = std::string("posix_fadvise(DONTNEED) failed: ") + std::strerror(rc);
  } else if (out.cached_fraction_before < 0) {
    out.cache_note = "page cache dropped (not verified: mincore failed)";
  } else if (out.cached_fraction_before > 0.05) {
    out.cache_note = "page cache drop incomplete: " +
                     std::to_string(static_cast<int>(out.cached_fraction_before * 100)) +
                     " % still cached";
  } else {
    out.cache_note = "page cache dropped (mincore: " +
                     std::to_string(static_cast<int>(out.cached_fraction_before * 100)) +
                     " % cached)";
  }
  ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  // The pages just dropped would otherwise be refilled at once, faster than a
  // broker's reads refill memory (see settle_after_freeing_memory).
  settle_after_freeing_memory();

  std::vector<char> buffer(kMiB);
  uint64_t bytes = 0;
  const Clock::time_point start = Clock::now();
  while (seconds_since(start) < seconds) {
    ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno("read " + file.string());
    if (n == 0) break;
    bytes += static_cast<uint64_t>(n);
  }
  out.seconds = seconds_since(start);
  out.mib_per_s = mib_per_s(bytes, out.seconds);
  return out;
}

}  // namespace skiff::bench

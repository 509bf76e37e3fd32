// Disk write limit: write(2) in chunks, fdatasync(2) on a byte cadence, timed
// including the final sync.
#include "machine/disk_write_limit.h"

#include <fcntl.h>
#include <unistd.h>

#include <vector>

#include "common/bench_error.h"
#include "common/clock.h"
#include "common/fd.h"
#include "common/units.h"

namespace skiff::bench {

DiskWriteLimit measure_disk_write(const std::filesystem::path& file, uint64_t chunk_bytes,
                                  uint64_t sync_every_bytes, double seconds, uint64_t max_bytes) {
  Fd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd.valid()) throw_errno("open " + file.string());
  std::vector<char> chunk(chunk_bytes);
  for (size_t i = 0; i < chunk.size(); ++i) chunk[i] = static_cast<char>(i * 131 + 7);

  DiskWriteLimit out;
  out.chunk_bytes = chunk_bytes;
  out.sync_every_bytes = sync_every_bytes;
  uint64_t unsynced = 0;
  auto sync = [&] {
    if (::fdatasync(fd.get()) != 0) throw_errno("fdatasync " + file.string());
    ++out.fsyncs;
    unsynced = 0;
  };
  const Clock::time_point start = Clock::now();
  while (seconds_since(start) < seconds && out.bytes < max_bytes) {
    if (!write_all(fd.get(), chunk.data(), chunk.size())) throw_errno("write " + file.string());
    out.bytes += chunk_bytes;
    unsynced += chunk_bytes;
    if (unsynced >= sync_every_bytes) sync();
  }
  if (unsynced > 0) sync();
  out.seconds = seconds_since(start);
  out.mib_per_s = mib_per_s(out.bytes, out.seconds);
  return out;
}

}  // namespace skiff::bench

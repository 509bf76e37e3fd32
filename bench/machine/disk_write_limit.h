// This machine's write limits on the data disk: buffered sequential writes of
// `chunk` bytes with an fdatasync after every `sync_every` bytes (and at the end).
// Large sync_every gives the streaming limit; sync_every == chunk gives the rate of
// "append a batch, fsync it", which is what acks=all with log.flush.on.append does.
#pragma once

#include <cstdint>
#include <filesystem>

namespace skiff::bench {

struct DiskWriteLimit {
  uint64_t chunk_bytes = 0;
  uint64_t sync_every_bytes = 0;
  uint64_t bytes = 0;
  uint64_t fsyncs = 0;
  double seconds = 0;
  double mib_per_s = 0;
};

// Appends to `file` (created or truncated) for about `seconds`, at most `max_bytes`.
DiskWriteLimit measure_disk_write(const std::filesystem::path& file, uint64_t chunk_bytes,
                                  uint64_t sync_every_bytes, double seconds, uint64_t max_bytes);

}  // namespace skiff::bench

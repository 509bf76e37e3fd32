// This machine's sequential read limit on the data disk: a file written before is
// dropped from the page cache (posix_fadvise DONTNEED, checked with mincore) and
// read back in 1 MiB chunks.
#pragma once

#include <filesystem>
#include <string>

namespace skiff::bench {

struct DiskReadLimit {
  double mib_per_s = 0;
  double seconds = 0;
  double cached_fraction_before = 0;  // of the file's pages, after the drop
  std::string cache_note;             // how the cache drop went
};

DiskReadLimit measure_disk_read(const std::filesystem::path& file, double seconds);

}  // namespace skiff::bench

// Stage 1: this machine's limits, against which the broker's figures are ratios:
// loopback TCP, streaming disk writes (fsync every 64 MiB), "write a batch + fsync"
// at several batch sizes, and sequential disk reads with a cold page cache.
#pragma once

#include <vector>

#include "machine/disk_read_limit.h"
#include "machine/disk_write_limit.h"
#include "machine/loopback_limit.h"
#include "scenarios/bench_context.h"

namespace skiff::bench {

struct MachineLimits {
  LoopbackLimit loopback;
  DiskWriteLimit streaming_write;
  std::vector<DiskWriteLimit> batch_fsync;  // ascending batch sizes
  DiskReadLimit read;

  // The batch-fsync measurement whose batch size is nearest (in log scale) to `bytes`.
  const DiskWriteLimit& batch_fsync_nearest(double bytes) const;
};

MachineLimits measure_machine_limits(BenchContext& ctx);

}  // namespace skiff::bench

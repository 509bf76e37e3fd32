// measure_machine_limits: runs the probes in the work directory, prints them and
// adds them to the table as information rows.
#include "scenarios/machine_limits.h"

#include <cmath>

#include "common/progress.h"
#include "common/units.h"
#include "machine/quiesce.h"
#include "report/format.h"

namespace skiff::bench {
namespace {

constexpr uint64_t kStreamingSyncEvery = 64 * kMiB;
constexpr uint64_t kStreamingMaxBytes = 4096 * kMiB;
constexpr uint64_t kBatchSizes[] = {16 * kKiB, 64 * kKiB, 256 * kKiB, kMiB};

std::string size_text(uint64_t bytes) {
  return bytes >= kMiB ? std::to_string(bytes / kMiB) + " MiB" : std::to_string(bytes / kKiB) + " KiB";
}

void info_row(BenchContext& ctx, const std::string& figure, const std::string& value) {
  ctx.table().add({figure, value, "", "", "", Verdict::kInfo});
}

}  // namespace

const DiskWriteLimit& MachineLimits::batch_fsync_nearest(double bytes) const {
  const DiskWriteLimit* best = &batch_fsync.back();
  double best_distance = INFINITY;
  for (const auto& limit : batch_fsync) {
    double distance = std::fabs(std::log(static_cast<double>(limit.chunk_bytes)) - std::log(std::max(bytes, 1.0)));
    if (distance < best_distance) {
      best_distance = distance;
      best = &limit;
    }
  }
  return *best;
}

MachineLimits measure_machine_limits(BenchContext& ctx) {
  MachineLimits limits;
  std::filesystem::path dir = ctx.fresh_dir("disk-probe");
  detail("machine: " + std::to_string(ctx.cores()) + " cores; data disk probed in " + dir.string());

  progress("loopback TCP throughput");
  limits.loopback = measure_loopback(ctx.seconds(3));
  detail("loopback TCP, 1 sender + 1 receiver thread, 1 MiB writes: " +
         fixed(limits.loopback.mib_per_s, 0) + " MiB/s");
  info_row(ctx, "limit: loopback TCP", fixed(limits.loopback.mib_per_s, 0) + " MiB/s");

  progress("disk streaming write");
  write_back_dirty_pages(dir);
  settle_after_freeing_memory();  // e.g. an earlier run's data, deleted in the background
  const std::filesystem::path stream_file = dir / "stream.bin";
  limits.streaming_write =
      measure_disk_write(stream_file, kMiB, kStreamingSyncEvery, ctx.seconds(4), kStreamingMaxBytes);
  detail("disk write, 1 MiB writes, fdatasync every 64 MiB: " +
         fixed(limits.streaming_write.mib_per_s, 0) + " MiB/s (" +
         std::to_string(limits.streaming_write.bytes / kMiB) + " MiB in " +
         fixed(limits.streaming_write.seconds, 1) + " s)");
  info_row(ctx, "limit: disk write (fsync/64 MiB)", fixed(limits.streaming_write.mib_per_s, 0) + " MiB/s");

  progress("disk sequential read, cold cache");
  limits.read = measure_disk_read(stream_file, ctx.seconds(3));
  detail("disk read, 1 MiB reads: " + fixed(limits.read.mib_per_s, 0) + " MiB/s; " +
         limits.read.cache_note);
  info_row(ctx, "limit: disk read (cold)", fixed(limits.read.mib_per_s, 0) + " MiB/s");
  std::filesystem::remove(stream_file);
  settle_after_freeing_memory();

  // A new file each: rewriting one file would reuse the pages its truncation just
  // freed, which are faster to fill than the pages a broker's appends get.
  for (uint64_t batch : kBatchSizes) {
    progress("disk write + fsync per " + size_text(batch));
    DiskWriteLimit limit = measure_disk_write(dir / ("batches-" + std::to_string(batch) + ".bin"),
                                              batch, batch, ctx.seconds(2), kStreamingMaxBytes);
    double fsyncs_per_s = static_cast<double>(limit.fsyncs) / limit.seconds;
    detail("disk write + fdatasync per " + size_text(batch) + " batch: " +
           fixed(limit.mib_per_s, 1) + " MiB/s, " + fixed(fsyncs_per_s, 0) + " fsync/s (" +
           fixed(1000 / fsyncs_per_s, 2) + " ms per batch)");
    info_row(ctx, "limit: disk write+fsync per " + size_text(batch),
             fixed(limit.mib_per_s, 1) + " MiB/s");
    limits.batch_fsync.push_back(limit);
  }
  std::filesystem::remove_all(dir);
  return limits;
}

}  // namespace skiff::bench

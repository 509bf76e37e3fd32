// measure_produce_throughput: one producer at full speed, its figures, the broker's
// and the client's CPU share, and the row against the disk limit.
#include "scenarios/produce_throughput.h"

#include "broker/process_usage.h"
#include "common/progress.h"
#include "kafka/topic_admin.h"
#include "machine/quiesce.h"
#include "report/format.h"
#include "workload/latency_summary.h"

namespace skiff::bench {
namespace {

constexpr double kTargetRatio = 0.85;
constexpr size_t kRecordBytes = 1024;

}  // namespace

ProduceResult measure_produce_throughput(BenchContext& ctx, BrokerProcess& broker,
                                         const std::string& topic, bool flush_on_append,
                                         const std::string& mode, const MachineLimits& limits) {
  create_topics(broker.bootstrap(), {{topic, ctx.cores(), {}}});

  ProduceJob job;
  job.bootstrap = broker.bootstrap();
  job.topic = topic;
  job.partitions = partition_range(ctx.cores());
  job.record_bytes = kRecordBytes;
  job.seconds = ctx.seconds(10);
  job.settings = ProducerSettings::throughput();
  const double writeback_s = write_back_dirty_pages(broker.data_dir());
  progress("produce at full speed, " + mode);
  CpuMeter cpu(broker.pid());
  ProduceResult result = run_producer(job);
  CpuShare share = cpu.read();
  LatencySummary latency = summarize_latencies(result.latencies_ns);

  const DiskWriteLimit& disk =
      flush_on_append ? limits.batch_fsync_nearest(result.avg_batch_bytes) : limits.streaming_write;
  const std::string disk_name =
      flush_on_append ? "disk write+fsync per " + std::to_string(disk.chunk_bytes / 1024) + " KiB"
                      : "disk write (fsync/64 MiB)";
  const double ratio = disk.mib_per_s > 0 ? result.mib_per_s() / disk.mib_per_s : 0;

  detail("produce, " + mode + ", " + std::to_string(job.partitions.size()) + " partitions, " +
         std::to_string(kRecordBytes) + " B records, " + job.settings.describe() +
         " (syncfs before: " + fixed(writeback_s, 1) + " s)");
  detail("  " + fixed(result.mib_per_s(), 1) + " MiB/s, " + fixed(result.records_per_s(), 0) +
         " records/s (" + std::to_string(result.records) + " records in " +
         fixed(result.seconds, 1) + " s, " + std::to_string(result.failed) + " failed" +
         (result.first_error.empty() ? "" : ": " + result.first_error) + ")");
  detail("  avg batch " + fixed(result.avg_batch_bytes / 1024, 0) + " KiB; delivery latency p50 " +
         fixed(latency.p50_ms, 1) + " ms, p99 " + fixed(latency.p99_ms, 1) + " ms; CPU broker " +
         fixed(share.broker_percent, 0) + " %, client " + fixed(share.client_percent, 0) +
         " % (100 % = one core)");
  detail("  ratio to " + disk_name + " (" + fixed(disk.mib_per_s, 1) + " MiB/s): " + percent(ratio));

  ctx.table().add({"produce MiB/s, " + mode,
                   fixed(result.mib_per_s(), 1) + " (" + fixed(result.records_per_s(), 0) + " rec/s)",
                   disk_name + " " + fixed(disk.mib_per_s, 1), percent(ratio),
                   ">= " + percent(kTargetRatio),
                   result.failed == 0 ? verdict_of(ratio >= kTargetRatio) : Verdict::kFail});
  return result;
}

}  // namespace skiff::bench

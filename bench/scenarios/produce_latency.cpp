// measure_produce_latency: a paced producer with the latency preset, then the
// percentiles of its delivery reports.
#include "scenarios/produce_latency.h"

#include "broker/process_usage.h"
#include "common/progress.h"
#include "kafka/topic_admin.h"
#include "machine/quiesce.h"
#include "report/format.h"
#include "workload/broker_request_times.h"
#include "workload/latency_summary.h"
#include "workload/produce_run.h"

namespace skiff::bench {
namespace {

constexpr double kTargetP99Ms = 2.0;
constexpr double kLoad = 0.5;  // of the mode's maximum rate

}  // namespace

void measure_produce_latency(BenchContext& ctx, BrokerProcess& broker, const std::string& topic,
                             const std::string& mode, double max_records_per_s,
                             uint16_t metrics_port) {
  const bool half_of_max = ctx.options().latency_rate <= 0;
  const double records_per_s = half_of_max ? max_records_per_s * kLoad : ctx.options().latency_rate;
  ProduceJob job;
  job.bootstrap = broker.bootstrap();
  job.topic = topic;
  job.partitions = partition_range(ctx.cores());
  job.seconds = ctx.seconds(10);
  // The broker's first segment files, the client's buffers and the page cache all
  // grow in the first second or so; latency is measured at the steady state after.
  job.warmup_seconds = ctx.seconds(2);
  job.records_per_s = records_per_s;
  job.settings = ProducerSettings::latency();
  const double writeback_s = write_back_dirty_pages(broker.data_dir());
  progress("produce latency at " + fixed(records_per_s, 0) + " records/s, " + mode);
  CpuMeter cpu(broker.pid());
  ProduceResult result = run_producer(job);
  CpuShare share = cpu.read();
  LatencySummary latency = summarize_latencies(result.latencies_ns);
  std::string scrape_problem;
  std::optional<LatencySummary> broker_times;
  if (metrics_port != 0) broker_times = scrape_produce_times(metrics_port, scrape_problem);

  detail("produce latency, " + mode + ", paced at " + fixed(records_per_s, 0) +
         " records/s (" + (half_of_max ? "50 % of max" : "--latency-rate") + ") after " + fixed(job.warmup_seconds, 0) +
         " s at that rate not measured, " + job.settings.describe() + " (syncfs before: " +
         fixed(writeback_s, 1) + " s)");
  detail("  achieved " + fixed(result.records_per_s(), 0) + " records/s, avg batch " +
         fixed(result.avg_batch_bytes / 1024, 1) + " KiB; p50 " + fixed(latency.p50_ms, 2) +
         " ms, p99 " + fixed(latency.p99_ms, 2) + " ms, p99.9 " + fixed(latency.p999_ms, 2) +
         " ms, max " + fixed(latency.max_ms, 2) + " ms over " + std::to_string(latency.count) +
         " records; CPU broker " + fixed(share.broker_percent, 0) + " %, client " +
         fixed(share.client_percent, 0) + " %");

  if (broker_times) {
    detail("  the broker's own produce request time (read to response written, its "
           "Prometheus summary): p50 " + fixed(broker_times->p50_ms, 2) + " ms, p99 " +
           fixed(broker_times->p99_ms, 2) + " ms, p99.9 " + fixed(broker_times->p999_ms, 2) +
           " ms over " + std::to_string(broker_times->count) + " requests; the rest of the delivery latency is the client, the network path and the "
           "scheduler");
  } else if (metrics_port != 0) {
    detail("  the broker's own produce request time: not available (" + scrape_problem + ")");
  }

  const std::string where = std::string(half_of_max ? " @50% load, " : " @fixed rate, ") + mode;
  const std::string rate = fixed(records_per_s, 0) + " rec/s";
  ctx.table().add({"produce p50 latency" + where, fixed(latency.p50_ms, 2) + " ms", rate, "", "",
                   Verdict::kInfo});
  ctx.table().add({"produce p99 latency" + where, fixed(latency.p99_ms, 2) + " ms", rate, "",
                   "< " + fixed(kTargetP99Ms, 0) + " ms",
                   result.failed == 0 && latency.count > 0 ? verdict_of(latency.p99_ms < kTargetP99Ms)
                                                           : Verdict::kFail});
  ctx.table().add({"produce p99.9 latency" + where, fixed(latency.p999_ms, 2) + " ms", rate, "", "",
                   Verdict::kInfo});
  if (broker_times) {
    ctx.table().add({"  broker-side p99 (read to written)" + where,
                     fixed(broker_times->p99_ms, 2) + " ms", rate, "", "", Verdict::kInfo});
  }
}

}  // namespace skiff::bench

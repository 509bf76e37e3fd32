// measure_produce_latency: runs of a paced producer with the latency preset, the
// percentiles of each run's delivery reports, and the median run as the figure.
#include "scenarios/produce_latency.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "broker/process_usage.h"
#include "common/loopback_socket.h"
#include "common/progress.h"
#include "kafka/topic_admin.h"
#include "machine/quiesce.h"
#include "report/format.h"
#include "workload/broker_request_times.h"
#include "workload/latency_summary.h"
#include "workload/metrics_scraper.h"
#include "workload/produce_run.h"

namespace skiff::bench {
namespace {

constexpr double kTargetP99Ms = 2.0;
constexpr double kLoad = 0.5;  // of the mode's maximum rate

// One latency run's figures.
struct LatencyRound {
  LatencySummary latency;
  std::optional<LatencySummary> broker_times;  // from the broker's exporter
  std::string scrape_problem;                  // why broker_times is missing
  double records_per_s = 0;
  double avg_batch_kib = 0;
  uint64_t failed = 0;
  CpuShare cpu;
};

// One run on a fresh broker, which is stopped and wiped afterwards.
LatencyRound run_round(BenchContext& ctx, const LatencyBrokerStarter& start_broker, int run,
                       ProduceJob job) {
  const uint16_t metrics_port = free_loopback_port();
  auto broker = start_broker(run, exporter_properties(metrics_port));
  wait_metrics_ready(metrics_port);
  create_topics(broker->bootstrap(), {{job.topic, ctx.cores(), {}}});
  job.bootstrap = broker->bootstrap();
  write_back_dirty_pages(broker->data_dir());
  LatencyRound round;
  {
    CpuMeter cpu(broker->pid());
    ProduceResult result = run_producer(job);
    round.cpu = cpu.read();
    round.latency = summarize_latencies(result.latencies_ns);
    round.records_per_s = result.records_per_s();
    round.avg_batch_kib = result.avg_batch_bytes / 1024;
    round.failed = result.failed;
  }
  round.broker_times = scrape_produce_times(metrics_port, round.scrape_problem);
  stop_and_wipe(*broker);
  return round;
}

// "p50 X ms, p99 Y ms, p99.9 Z ms" of the client's or the broker's figures.
std::string quantiles(const LatencySummary& s) {
  return "p50 " + fixed(s.p50_ms, 2) + " ms, p99 " + fixed(s.p99_ms, 2) + " ms, p99.9 " +
         fixed(s.p999_ms, 2) + " ms";
}

std::string describe(const LatencyRound& r) {
  std::string text = "achieved " + fixed(r.records_per_s, 0) + " records/s, avg batch " +
                     fixed(r.avg_batch_kib, 1) + " KiB; " + quantiles(r.latency) + ", max " +
                     fixed(r.latency.max_ms, 2) + " ms over " + std::to_string(r.latency.count) +
                     " records; CPU broker " + fixed(r.cpu.broker_percent, 0) + " %, client " +
                     fixed(r.cpu.client_percent, 0) + " %";
  if (r.failed > 0) text += "; " + std::to_string(r.failed) + " not delivered";
  if (r.broker_times) {
    text += "; the broker's own produce time (read to response written, its Prometheus "
            "summary): " + quantiles(*r.broker_times) + " over " +
            std::to_string(r.broker_times->count) + " requests";
  } else {
    text += "; the broker's own produce time: not available (" + r.scrape_problem + ")";
  }
  return text;
}

// The rounds from the lowest p99 to the highest.
std::vector<const LatencyRound*> by_p99(const std::vector<LatencyRound>& rounds) {
  std::vector<const LatencyRound*> sorted;
  for (const auto& r : rounds) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(),
            [](const auto* a, const auto* b) { return a->latency.p99_ms < b->latency.p99_ms; });
  return sorted;
}

}  // namespace

void measure_produce_latency(BenchContext& ctx, const LatencyBrokerStarter& start_broker,
                             const std::string& topic, const std::string& mode,
                             double max_records_per_s) {
  const bool half_of_max = ctx.options().latency_rate <= 0;
  const double records_per_s = half_of_max ? max_records_per_s * kLoad : ctx.options().latency_rate;
  const int runs = ctx.options().latency_rounds;
  ProduceJob job;
  job.topic = topic;
  job.partitions = partition_range(ctx.cores());
  job.seconds = ctx.seconds(10);
  // The broker's first segment files, the client's buffers and the page cache all
  // grow in the first second or so; latency is measured at the steady state after.
  job.warmup_seconds = ctx.seconds(2);
  job.records_per_s = records_per_s;
  job.settings = ProducerSettings::latency();
  detail("produce latency, " + mode + ", paced at " + fixed(records_per_s, 0) +
         " records/s (" + (half_of_max ? "50 % of max" : "--latency-rate") + "), " +
         std::to_string(runs) + " runs of " + fixed(job.seconds, 0) +
         " s, each on a fresh broker after " + fixed(job.warmup_seconds, 0) +
         " s at that rate not measured, " + job.settings.describe() +
         "; the rest of the delivery latency beyond the broker's own time is the client, "
         "the network path and the scheduler");
  // One run is at the mercy of whatever else the (shared, virtual) machine does for
  // a few seconds; the median of several is the figure, and every run is shown.
  std::vector<LatencyRound> rounds;
  uint64_t failed = 0;
  for (int i = 0; i < runs; ++i) {
    progress("produce latency at " + fixed(records_per_s, 0) + " records/s, " + mode + ", run " +
             std::to_string(i + 1) + " of " + std::to_string(runs));
    const LatencyRound& r = rounds.emplace_back(run_round(ctx, start_broker, i, job));
    failed += r.failed;
    detail("  run " + std::to_string(i + 1) + ": " + describe(r));
  }
  const std::vector<const LatencyRound*> sorted = by_p99(rounds);
  const LatencyRound& median = *sorted[(sorted.size() - 1) / 2];  // the lower middle of an even count
  const LatencyRound& worst = *sorted.back();

  const std::string where = std::string(half_of_max ? " @50% load, " : " @fixed rate, ") + mode;
  const std::string rate = fixed(records_per_s, 0) + " rec/s";
  const std::string of_runs = runs > 1 ? " (median of " + std::to_string(runs) + " runs)" : "";
  ctx.table().add({"produce p50 latency" + where, fixed(median.latency.p50_ms, 2) + " ms", rate,
                   "", "", Verdict::kInfo});
  ctx.table().add({"produce p99 latency" + where + of_runs, fixed(median.latency.p99_ms, 2) + " ms",
                   rate, "", "< " + fixed(kTargetP99Ms, 0) + " ms",
                   failed == 0 && median.latency.count > 0
                       ? verdict_of(median.latency.p99_ms < kTargetP99Ms)
                       : Verdict::kFail});
  ctx.table().add({"produce p99.9 latency" + where, fixed(median.latency.p999_ms, 2) + " ms", rate,
                   "", "", Verdict::kInfo});
  if (runs > 1) {
    ctx.table().add({"  worst run's p99" + where, fixed(worst.latency.p99_ms, 2) + " ms", rate,
                     "", "", Verdict::kInfo});
  }
  if (median.broker_times) {
    ctx.table().add({"  broker-side p99 (read to written)" + where,
                     fixed(median.broker_times->p99_ms, 2) + " ms", rate, "", "", Verdict::kInfo});
  }
}

}  // namespace skiff::bench

// measure_exporter_cost: the alternating runs, each on its own broker, then the
// medians, the cost row and one detail line per run.
#include "scenarios/exporter_cost.h"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "broker/process_usage.h"
#include "common/bench_error.h"
#include "common/loopback_socket.h"
#include "common/progress.h"
#include "common/units.h"
#include "kafka/topic_admin.h"
#include "machine/quiesce.h"
#include "report/format.h"
#include "workload/metrics_scraper.h"
#include "workload/produce_run.h"

namespace skiff::bench {
namespace {

constexpr double kTargetCost = 0.02;
constexpr size_t kRecordBytes = 1024;
constexpr double kScrapeIntervalS = 1;  // Prometheus' usual scrape_interval is 15 s
constexpr double kRunSeconds = 8;
constexpr double kWarmUpSeconds = 4;
constexpr const char* kScrapedMetric = "kafka_server_brokertopicmetrics_messagesin_total";
constexpr const char* kTopic = "exporter-cost";

struct ExporterRun {
  bool exporter = false;
  ProduceResult produce;
  CpuShare cpu;
  ScrapeSummary scrapes;
  double broker_cpu_s = 0;
  double writeback_s = 0;

  // Broker CPU seconds per GiB produced: the exporter's cost while the producer,
  // not the broker, limits the throughput.
  double cpu_s_per_gib() const {
    const double gib = static_cast<double>(produce.bytes) / static_cast<double>(kMiB * 1024);
    return gib > 0 ? broker_cpu_s / gib : 0;
  }
};

std::map<std::string, std::string> broker_properties(bool exporter, uint16_t metrics_port) {
  std::map<std::string, std::string> props =
      exporter ? exporter_properties(metrics_port)
               : std::map<std::string, std::string>{{"metrics.prometheus.enable", "false"}};
  props["log.flush.on.append"] = "false";
  return props;
}

ProduceJob throughput_job(const BrokerProcess& broker, int partitions, double seconds) {
  return ProduceJob{.bootstrap = broker.bootstrap(),
                    .topic = kTopic,
                    .partitions = partition_range(partitions),
                    .record_bytes = kRecordBytes,
                    .seconds = seconds,
                    .settings = ProducerSettings::throughput()};
}

// One run on a fresh broker; its data is deleted afterwards (wipe), which also drops its
// dirty pages, so neither the stop nor the next run's syncfs has much to write, and
// the next run starts on settled memory.
// `name` names the broker's directory.
ExporterRun run_once(BenchContext& ctx, bool exporter, const std::string& name, double seconds) {
  const uint16_t metrics_port = exporter ? free_loopback_port() : 0;
  auto broker = ctx.start_broker(name, broker_properties(exporter, metrics_port));
  if (exporter) wait_metrics_ready(metrics_port);
  create_topics(broker->bootstrap(), {{kTopic, ctx.cores(), {}}});
  const ProduceJob job = throughput_job(*broker, ctx.cores(), seconds);

  ExporterRun run;
  run.exporter = exporter;
  run.writeback_s = write_back_dirty_pages(broker->data_dir());
  progress("produce, " + name);
  CpuMeter cpu(broker->pid());
  const double cpu_start_s = process_cpu_seconds(broker->pid());
  std::optional<MetricsScraper> scraper;
  if (exporter) scraper.emplace(metrics_port, kScrapedMetric, kScrapeIntervalS);
  run.produce = run_producer(job);
  run.cpu = cpu.read();
  run.broker_cpu_s = process_cpu_seconds(broker->pid()) - cpu_start_s;
  if (scraper) run.scrapes = scraper->stop();
  run.produce.latencies_ns = {};
  broker->kill9();  // a clean stop would first write back the run's GiBs of dirty pages
  wipe(*broker);
  return run;
}

// `figure` of the runs with the exporter `exporter`, sorted.
template <typename Figure>
std::vector<double> sorted_figures(const std::vector<ExporterRun>& runs, bool exporter, Figure figure) {
  std::vector<double> values;
  for (const auto& run : runs) {
    if (run.exporter == exporter) values.push_back(figure(run));
  }
  std::sort(values.begin(), values.end());
  return values;
}

double median(const std::vector<double>& sorted) {
  if (sorted.empty()) return 0;
  const size_t mid = sorted.size() / 2;
  return sorted.size() % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// How far apart the runs of one mode are: max / min - 1.
double spread(const std::vector<double>& sorted) {
  return sorted.empty() || sorted.front() <= 0 ? 0 : sorted.back() / sorted.front() - 1;
}

// "+1.5 %" / "-0.3 %".
std::string signed_percent(double ratio) {
  return (ratio >= 0 ? "+" : "") + fixed(ratio * 100, 1) + " %";
}

std::string describe_run(const ExporterRun& run, const std::string& label) {
  const ProduceResult& p = run.produce;
  std::string line = "  " + label + ", exporter " + (run.exporter ? "on: " : "off:") +
                     " " + fixed(p.mib_per_s(), 1) + " MiB/s (" + std::to_string(p.records) +
                     " records in " + fixed(p.seconds, 1) + " s, " + std::to_string(p.failed) +
                     " failed" + (p.first_error.empty() ? "" : ": " + p.first_error) + "); CPU broker " +
                     fixed(run.cpu.broker_percent, 0) + " % (" + fixed(run.cpu_s_per_gib(), 2) +
                     " s/GiB), client " + fixed(run.cpu.client_percent, 0) + " %; syncfs before " +
                     fixed(run.writeback_s, 1) + " s";
  if (!run.exporter) return line;
  const ScrapeSummary& s = run.scrapes;
  return line + "; " + std::to_string(s.scrapes) + " scrapes, " + std::to_string(s.failed) + " failed" +
         (s.first_error.empty() ? "" : " (" + s.first_error + ")") + ", avg " + fixed(s.avg_ms, 1) +
         " ms, max " + fixed(s.max_ms, 1) + " ms, " +
         fixed(static_cast<double>(s.last_body_bytes) / kKiB, 0) + " KiB";
}

bool all_clean(const std::vector<ExporterRun>& runs) {
  return std::all_of(runs.begin(), runs.end(), [](const ExporterRun& run) {
    return run.produce.failed == 0 && run.produce.records > 0 && run.scrapes.failed == 0 &&
           (!run.exporter || run.scrapes.scrapes > 0);
  });
}

// The settings, every run, the medians and spreads; the cost row and the CPU row.
void report(BenchContext& ctx, const ExporterRun& warm_up, const std::vector<ExporterRun>& runs) {
  const auto mib_per_s = [](const ExporterRun& run) { return run.produce.mib_per_s(); };
  const auto cpu_per_gib = [](const ExporterRun& run) { return run.cpu_s_per_gib(); };
  const std::vector<double> off_runs = sorted_figures(runs, false, mib_per_s);
  const std::vector<double> on_runs = sorted_figures(runs, true, mib_per_s);
  const double off = median(off_runs);
  const double on = median(on_runs);
  if (off <= 0) throw BenchError("no throughput with the exporter off");
  const double cost = 1 - on / off;
  const double cpu_off = median(sorted_figures(runs, false, cpu_per_gib));
  const double cpu_on = median(sorted_figures(runs, true, cpu_per_gib));
  const double cpu_cost = cpu_off > 0 ? cpu_on / cpu_off - 1 : 0;

  detail("exporter cost: produce with the Prometheus exporter off and on, rounds off,on / on,off / ..., " +
         std::to_string(on_runs.size()) + " runs each on fresh brokers, log.flush.on.append=false, " +
         std::to_string(ctx.cores()) + " partitions, " + std::to_string(kRecordBytes) + " B records, " +
         ProducerSettings::throughput().describe() + ", " + fixed(ctx.seconds(kRunSeconds), 1) +
         " s each");
  detail("  with the exporter on, /metrics is scraped every " + fixed(kScrapeIntervalS, 0) +
         " s and must answer 200 with " + kScrapedMetric +
         ": a pessimistic case (Prometheus scrapes every 15 s by default)");
  detail(describe_run(warm_up, "warm-up (not counted)"));
  for (size_t i = 0; i < runs.size(); ++i) detail(describe_run(runs[i], "run " + std::to_string(i + 1)));
  detail("  median: off " + fixed(off, 1) + " MiB/s, on " + fixed(on, 1) + " MiB/s; cost 1 - on/off = " +
         fixed(cost * 100, 1) + " %; runs of one mode differ by up to " + percent(spread(off_runs)) +
         " (off) and " + percent(spread(on_runs)) + " (on): a cost within that is noise");
  detail("  median broker CPU per GiB produced: off " + fixed(cpu_off, 2) + " s, on " + fixed(cpu_on, 2) +
         " s (" + signed_percent(cpu_cost) + "); with the broker below one core the producer limits" +
         " the throughput, and the exporter's cost shows here");

  ctx.table().add({"produce MiB/s, exporter on (scraped every 1 s)", fixed(on, 1),
                   "exporter off " + fixed(off, 1), "cost " + fixed(cost * 100, 1) + " %",
                   "< " + percent(kTargetCost),
                   all_clean(runs) ? verdict_of(cost < kTargetCost) : Verdict::kFail});
  ctx.table().add({"broker CPU s/GiB, exporter on (scraped every 1 s)", fixed(cpu_on, 2),
                   "exporter off " + fixed(cpu_off, 2), signed_percent(cpu_cost), "", Verdict::kInfo});
}

}  // namespace

void measure_exporter_cost(BenchContext& ctx) {
  // The first run on a machine is often slower (page cache, other load settling):
  // a shorter one, exporter off, goes first and is not counted.
  const ExporterRun warm_up = run_once(ctx, false, "exporter-warm-up", ctx.seconds(kWarmUpSeconds));
  // Rounds alternate off,on / on,off: a drift of the machine's speed over the stage
  // (other load coming or going) then falls on both modes alike.
  std::vector<ExporterRun> runs;
  for (int round = 0; round < ctx.options().exporter_rounds; ++round) {
    for (bool exporter : {round % 2 == 1, round % 2 == 0}) {
      const std::string name = "exporter-" + std::to_string(runs.size() + 1) + (exporter ? "-on" : "-off");
      runs.push_back(run_once(ctx, exporter, name, ctx.seconds(kRunSeconds)));
    }
  }
  report(ctx, warm_up, runs);
}

}  // namespace skiff::bench

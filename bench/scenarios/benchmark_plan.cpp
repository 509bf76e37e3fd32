// run_benchmark: the stages, each guarded, with one broker per durability mode.
#include "scenarios/benchmark_plan.h"

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>

#include "common/progress.h"
#include "machine/quiesce.h"
#include "scenarios/bench_context.h"
#include "scenarios/consume_throughput.h"
#include "scenarios/exporter_cost.h"
#include "scenarios/idle_rss.h"
#include "scenarios/machine_limits.h"
#include "scenarios/produce_latency.h"
#include "scenarios/produce_throughput.h"
#include "scenarios/startup_time.h"

namespace skiff::bench {
namespace {

// Runs `stage`; an exception becomes an ERROR row. False if it failed.
bool guarded(BenchContext& ctx, const std::string& name, const std::function<void()>& stage) {
  try {
    stage();
    return true;
  } catch (const std::exception& e) {
    progress(name + " failed: " + e.what());
    ctx.table().add_error(name, e.what());
    return false;
  }
}

// In `mode`: produce at full speed (and without fsync-on-append, consume all of
// it), then on fresh brokers produce at half that rate for latency.
void data_path(BenchContext& ctx, const MachineLimits& limits, bool flush_on_append) {
  const std::string value = flush_on_append ? "true" : "false";
  std::string mode = "log.flush.on.append=" + value;
  std::map<std::string, std::string> properties = ctx.options().broker_config;
  for (const auto& [key, setting] : properties) mode += ", " + key + "=" + setting;
  properties["log.flush.on.append"] = value;
  const std::string topic = "bench-" + value;
  auto broker = ctx.start_broker("produce-flush-" + value, properties);
  ProduceResult max =
      measure_produce_throughput(ctx, *broker, topic, flush_on_append, mode, limits);
  if (!flush_on_append) {
    guarded(ctx, "consume", [&] { measure_consume_throughput(ctx, *broker, topic, limits); });
  }
  stop_and_wipe(*broker);
  guarded(ctx, "produce latency, " + mode, [&] {
    auto start_broker = [&](int run, const std::map<std::string, std::string>& exporter) {
      auto latency_properties = properties;
      for (const auto& [key, setting] : exporter) latency_properties[key] = setting;
      return ctx.start_broker("latency-flush-" + value + "-" + std::to_string(run),
                              latency_properties);
    };
    measure_produce_latency(ctx, start_broker, topic, mode, max.records_per_s());
  });
}

}  // namespace

int run_benchmark(const BenchOptions& options) {
  BenchContext ctx(options);
  std::printf("skiff-bench: broker %s, work directory %s, duration scale %.2f, load average %s\n",
              options.skiffd.c_str(), options.work_dir.c_str(), options.scale, load_average().c_str());
  MachineLimits limits;
  bool have_limits = options.runs("limits") &&
                     guarded(ctx, "machine limits", [&] { limits = measure_machine_limits(ctx); });
  if (have_limits && options.runs("produce")) {
    for (bool flush : {true, false}) {
      if (!options.flush_modes.count(flush)) continue;
      guarded(ctx, std::string("produce, log.flush.on.append=") + (flush ? "true" : "false"),
              [&] { data_path(ctx, limits, flush); });
    }
  }
  if (options.runs("rss")) guarded(ctx, "idle RSS", [&] { measure_idle_rss(ctx); });
  if (options.runs("startup")) guarded(ctx, "startup time", [&] { measure_startup_time(ctx); });
  if (options.runs("exporter")) guarded(ctx, "exporter cost", [&] { measure_exporter_cost(ctx); });

  progress("done");
  std::printf("\nload average at the end: %s (on %d cores)\n\n", load_average().c_str(), ctx.cores());
  ctx.table().print(stdout);
  std::fflush(stdout);
  return ctx.table().all_passed() ? 0 : 1;
}

}  // namespace skiff::bench

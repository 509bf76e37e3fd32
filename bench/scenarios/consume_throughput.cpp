// measure_consume_throughput: one consumer to the end of every partition; passes
// when it reaches 90 % of either limit.
#include "scenarios/consume_throughput.h"

#include <algorithm>

#include "broker/process_usage.h"
#include "common/progress.h"
#include "kafka/topic_admin.h"
#include "report/format.h"
#include "workload/consume_run.h"

namespace skiff::bench {
namespace {

constexpr double kTargetRatio = 0.90;

}  // namespace

void measure_consume_throughput(BenchContext& ctx, BrokerProcess& broker, const std::string& topic,
                                const MachineLimits& limits) {
  progress("consume " + topic + " from the beginning");
  CpuMeter cpu(broker.pid());
  ConsumeResult result =
      consume_to_end(broker.bootstrap(), topic, partition_range(ctx.cores()), ctx.seconds(60) + 30);
  CpuShare share = cpu.read();
  const double vs_loopback = result.mib_per_s() / limits.loopback.mib_per_s;
  const double vs_disk = result.mib_per_s() / limits.read.mib_per_s;

  std::string settings;
  for (const auto& [key, value] : consumer_settings()) settings += " " + key + "=" + value;
  detail("consume, " + std::to_string(ctx.cores()) + " partitions, no group, settings:" + settings);
  detail("  " + fixed(result.mib_per_s(), 1) + " MiB/s (" + std::to_string(result.records) +
         " records, " + std::to_string(result.bytes >> 20) + " MiB in " + fixed(result.seconds, 1) +
         " s" + (result.complete ? "" : ", NOT complete: timed out") + "); CPU broker " +
         fixed(share.broker_percent, 0) + " %, client " + fixed(share.client_percent, 0) + " %");
  detail("  ratio to loopback " + percent(vs_loopback) + ", to cold disk read " + percent(vs_disk) +
         " (the data is mostly in the page cache: it was just written)");

  ctx.table().add({"consume MiB/s", fixed(result.mib_per_s(), 1),
                   "loopback " + fixed(limits.loopback.mib_per_s, 0) + " / disk read " +
                       fixed(limits.read.mib_per_s, 0),
                   percent(vs_loopback) + " / " + percent(vs_disk), ">= " + percent(kTargetRatio) + " of either",
                   result.complete ? verdict_of(std::max(vs_loopback, vs_disk) >= kTargetRatio)
                                   : Verdict::kFail});
}

}  // namespace skiff::bench

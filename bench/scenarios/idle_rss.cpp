// measure_idle_rss: RSS of a fresh broker, then with the partitions created and
// confirmed by Metadata, after a few idle seconds.
#include "scenarios/idle_rss.h"

#include <thread>

#include "broker/metadata_probe.h"
#include "broker/process_usage.h"
#include "common/bench_error.h"
#include "common/clock.h"
#include "common/loopback_socket.h"
#include "common/progress.h"
#include "kafka/topic_admin.h"
#include "report/format.h"

namespace skiff::bench {
namespace {

constexpr double kTargetMiB = 200;
constexpr auto kIdleWait = std::chrono::seconds(3);

std::string topic_name(int i) {
  char name[32];
  std::snprintf(name, sizeof name, "idle-%04d", i);
  return name;
}

}  // namespace

void measure_idle_rss(BenchContext& ctx) {
  const int topics = ctx.options().rss_topics;
  const int per_topic = ctx.options().rss_partitions_per_topic;
  const int64_t partitions = static_cast<int64_t>(topics) * per_topic;
  auto broker = ctx.start_broker("idle-rss", {});
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const uint64_t empty_kib = resident_kib(broker->pid());

  progress("create " + std::to_string(topics) + " topics x " + std::to_string(per_topic) + " partitions");
  std::vector<TopicSpec> specs;
  for (int i = 0; i < topics; ++i) specs.push_back({topic_name(i), per_topic, {}});
  const Clock::time_point create_start = Clock::now();
  create_topics(broker->bootstrap(), specs);
  const double create_s = seconds_since(create_start);
  Fd connection = try_connect_loopback(broker->port());
  MetadataSummary metadata = metadata_round_trip(connection.get());
  if (metadata.partitions < partitions) {
    throw BenchError("metadata shows " + std::to_string(metadata.partitions) + " partitions, not " +
                     std::to_string(partitions));
  }
  std::this_thread::sleep_for(kIdleWait);
  const uint64_t idle_kib = resident_kib(broker->pid());
  const double idle_mib = static_cast<double>(idle_kib) / 1024;

  detail("idle RSS: " + fixed(static_cast<double>(empty_kib) / 1024, 1) + " MiB with no topics, " +
         fixed(idle_mib, 1) + " MiB with " + std::to_string(metadata.partitions) + " partitions in " +
         std::to_string(metadata.topics) + " topics (" +
         fixed(static_cast<double>(idle_kib - std::min(idle_kib, empty_kib)) / static_cast<double>(partitions), 1) +
         " KiB per partition), read " + std::to_string(kIdleWait.count()) + " s after creation");
  detail("  CreateTopics of " + std::to_string(partitions) + " partitions took " + fixed(create_s, 1) + " s");
  ctx.table().add({"idle RSS, " + std::to_string(partitions) + " partitions", fixed(idle_mib, 1) + " MiB",
                   "", "", "< " + fixed(kTargetMiB, 0) + " MiB", verdict_of(idle_mib < kTargetMiB)});
  broker->kill9();  // a clean stop of 1,000 partitions can take a minute on a busy disk
}

}  // namespace skiff::bench

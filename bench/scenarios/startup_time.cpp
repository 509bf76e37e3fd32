// measure_startup_time: fill a small-segment topic, then time restarts: three
// after clean stops (median reported), one after SIGKILL.
#include "scenarios/startup_time.h"

#include <algorithm>
#include <thread>

#include "broker/metadata_probe.h"
#include "common/bench_error.h"
#include "common/clock.h"
#include "common/progress.h"
#include "kafka/topic_admin.h"
#include "machine/quiesce.h"
#include "report/format.h"
#include "workload/segment_filler.h"

namespace skiff::bench {
namespace {

constexpr double kTargetSeconds = 1.0;
constexpr int kPartitions = 100;
constexpr int kSegmentBytes = 16384;
constexpr int kCleanRuns = 3;
// skiffd installs its SIGTERM handler only after the listener is up and the broker is
// registered; a SIGTERM in between kills it uncleanly. Wait this long before stopping.
constexpr auto kSettle = std::chrono::milliseconds(300);
const std::string kTopic = "segments";

struct StartupTiming {
  double listening_s = 0;
  double metadata_s = 0;
  MetadataSummary metadata;
};

StartupTiming timed_start(BrokerProcess& broker) {
  StartupTiming t;
  const Clock::time_point start = Clock::now();
  broker.spawn();
  Fd connection = broker.wait_listening(60);
  t.listening_s = seconds_since(start);
  t.metadata = metadata_round_trip(connection.get());
  t.metadata_s = seconds_since(start);
  if (t.metadata.partitions < kPartitions) {
    throw BenchError("restarted broker shows " + std::to_string(t.metadata.partitions) + " partitions");
  }
  return t;
}

std::string timing_text(const StartupTiming& t) {
  return fixed(t.listening_s * 1000, 0) + " ms to listen, " + fixed(t.metadata_s * 1000, 0) +
         " ms to answer Metadata";
}

void add_row(BenchContext& ctx, const std::string& figure, double seconds, uint64_t segments) {
  ctx.table().add({figure, fixed(seconds * 1000, 0) + " ms", std::to_string(segments) + " segments", "",
                   "< " + fixed(kTargetSeconds * 1000, 0) + " ms", verdict_of(seconds < kTargetSeconds)});
}

}  // namespace

void measure_startup_time(BenchContext& ctx) {
  auto broker = ctx.start_broker("startup", {{"log.flush.on.append", "false"}});
  create_topics(broker->bootstrap(), {{kTopic, kPartitions, {{"segment.bytes", std::to_string(kSegmentBytes)}}}});
  SegmentFill fill;
  fill.bootstrap = broker->bootstrap();
  fill.topic = kTopic;
  fill.partitions = kPartitions;
  fill.batch_bytes = kSegmentBytes;
  fill.data_dir = broker->data_dir();
  fill.target_segments = ctx.options().segments;
  fill.timeout_s = ctx.seconds(90) + 30;
  progress("fill " + std::to_string(fill.target_segments) + " segments of " +
           std::to_string(kSegmentBytes) + " B in " + std::to_string(kPartitions) + " partitions");
  const Clock::time_point fill_start = Clock::now();
  const uint64_t segments = fill_segments(fill);
  detail("startup: " + std::to_string(segments) + " segments (segment.bytes=" +
         std::to_string(kSegmentBytes) + ", " + std::to_string(kPartitions) + " partitions) written in " +
         fixed(seconds_since(fill_start), 1) + " s with " + std::to_string(fill.producers) + " producers");
  if (segments < fill.target_segments) {
    detail("  only " + std::to_string(segments) + " segments within the time limit");
  }
  detail("  clean stop after filling took " + fixed(broker->stop(), 1) + " s; syncfs then took " +
         fixed(write_back_dirty_pages(broker->data_dir()), 1) + " s");

  progress("time clean restarts");
  std::vector<double> clean;
  for (int run = 0; run < kCleanRuns; ++run) {
    StartupTiming t = timed_start(*broker);
    detail("  clean restart " + std::to_string(run + 1) + ": " + timing_text(t));
    clean.push_back(t.metadata_s);
    std::this_thread::sleep_for(kSettle);
    if (run + 1 < kCleanRuns) broker->stop();
  }
  broker->kill9();
  progress("time restart after kill -9");
  StartupTiming unclean = timed_start(*broker);
  detail("  restart after kill -9: " + timing_text(unclean));
  std::this_thread::sleep_for(kSettle);
  broker->stop();

  std::sort(clean.begin(), clean.end());
  add_row(ctx, "startup after clean stop (median of " + std::to_string(kCleanRuns) + ")",
          clean[clean.size() / 2], segments);
  add_row(ctx, "startup after kill -9", unclean.metadata_s, segments);
}

}  // namespace skiff::bench

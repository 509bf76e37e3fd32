// fill_segments: producers on disjoint partition sets, stopped by a watcher that
// counts segment files.
#include "workload/segment_filler.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "common/bench_error.h"
#include "common/clock.h"
#include "workload/produce_run.h"

namespace skiff::bench {

uint64_t count_segments(const std::filesystem::path& dir) {
  uint64_t count = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".log") ++count;
  }
  return count;
}

uint64_t fill_segments(const SegmentFill& fill) {
  std::atomic<bool> stop{false};
  std::mutex error_mu;
  std::string error;
  std::vector<std::thread> producers;
  for (int i = 0; i < fill.producers; ++i) {
    ProduceJob job;
    job.bootstrap = fill.bootstrap;
    job.topic = fill.topic;
    for (int p = i; p < fill.partitions; p += fill.producers) job.partitions.push_back(p);
    job.seconds = fill.timeout_s;
    job.stop = &stop;
    job.settings = ProducerSettings::small_batches(fill.batch_bytes);
    producers.emplace_back([job, &stop, &error_mu, &error] {
      try {
        run_producer(job);
      } catch (const std::exception& e) {
        std::lock_guard lock(error_mu);
        error = e.what();
        stop = true;
      }
    });
  }
  const Clock::time_point start = Clock::now();
  while (count_segments(fill.data_dir) < fill.target_segments &&
         seconds_since(start) < fill.timeout_s && !stop) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  stop = true;
  for (auto& t : producers) t.join();
  if (!error.empty()) throw BenchError("filling segments: " + error);
  return count_segments(fill.data_dir);
}

}  // namespace skiff::bench

// skiff-bench's command line: where skiffd and its plugins are, the work directory
// for brokers' data and probe files, and how long to run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace skiff::bench {

struct BenchOptions {
  std::filesystem::path skiffd;
  std::filesystem::path plugin_dir;
  std::filesystem::path work_dir;  // on the disk under test
  double scale = 1.0;              // multiplies every duration (0.2 for a smoke run)
  uint64_t segments = 10000;       // for the startup measurement
  int rss_topics = 100;
  int rss_partitions_per_topic = 10;
  int exporter_rounds = 2;         // off/on pairs of the exporter stage
  // --broker key=value: extra settings of the produce stage's brokers (a storage
  // option under test, say); they are named in that stage's figures.
  std::map<std::string, std::string> broker_config;
  // Stages to run (limits, produce, rss, startup, exporter); produce implies limits.
  std::set<std::string> stages = {"limits", "produce", "rss", "startup", "exporter"};
  // --flush: the log.flush.on.append modes of the produce stage.
  std::set<bool> flush_modes = {true, false};
  // --latency-rate: records/s of the latency runs; 0: half of each mode's maximum.
  double latency_rate = 0;
  // --latency-rounds: latency runs per mode; the median run's figures are the result.
  int latency_rounds = 3;

  bool runs(const std::string& stage) const { return stages.count(stage) > 0; }
};

// The options, or an error message (including --help's usage).
struct ParsedOptions {
  std::optional<BenchOptions> options;
  std::string message;
};

ParsedOptions parse_options(int argc, char** argv);

}  // namespace skiff::bench

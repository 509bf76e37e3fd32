// parse_options: --key value pairs with checks.
#include "options.h"

#include <map>
#include <stdexcept>

namespace skiff::bench {
namespace {

constexpr const char* kUsage =
    "usage: skiff-bench --skiffd PATH --plugin-dir DIR --work-dir DIR\n"
    "                   [--scale F] [--segments N] [--rss-topics N] [--rss-partitions N]\n"
    "                   [--exporter-rounds N] [--stages limits,produce,rss,startup,exporter]\n"
    "                   [--broker key=value]... [--flush true|false|both]\n"
    "                   [--latency-rate RECORDS_PER_S] [--latency-rounds N]\n"
    "  --skiffd       the broker binary (<build>/kernel/app/skiffd)\n"
    "  --plugin-dir   its plugins (<build>/plugins-out)\n"
    "  --work-dir     brokers' data and disk probe files, left in place (run.sh removes\n"
    "                 them); must be on the disk to measure\n"
    "  --scale        multiplies every measurement's duration (default 1)\n"
    "  --segments     segments for the startup measurement (default 10000)\n"
    "  --rss-topics, --rss-partitions  topics x partitions for idle RSS (100 x 10)\n"
    "  --exporter-rounds  rounds of the exporter stage, one run off and one on each (2)\n"
    "  --stages       which stages to run (default all; produce includes limits)\n"
    "  --broker       a setting for the produce stage's brokers, e.g.\n"
    "                 --broker log.direct.write.min.bytes=262144 (repeatable)\n"
    "  --flush        the produce stage's log.flush.on.append modes (both)\n"
    "  --latency-rate records/s of the latency runs (default half of the mode's\n"
    "                 maximum; a fixed rate compares builds at one load)\n"
    "  --latency-rounds  latency runs per mode; the run with the median p99 is the\n"
    "                 result, every run is printed (default 3)\n";

// "a,b,c" as a set; false if a name is not a stage.
bool parse_stages(const std::string& text, std::set<std::string>& out) {
  static const std::set<std::string> known = {"limits", "produce", "rss", "startup", "exporter"};
  out.clear();
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!known.count(name)) return false;
    out.insert(name);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (out.count("produce")) out.insert("limits");
  return true;
}

}  // namespace

ParsedOptions parse_options(int argc, char** argv) {
  std::map<std::string, std::string> values;
  BenchOptions o;
  for (int i = 1; i < argc; ++i) {
    std::string key = argv[i];
    if (key == "--help" || key == "-h") return {std::nullopt, kUsage};
    if (!key.starts_with("--") || i + 1 >= argc) return {std::nullopt, "bad argument " + key + "\n" + kUsage};
    std::string value = argv[++i];
    if (key == "--broker") {
      auto eq = value.find('=');
      if (eq == std::string::npos || eq == 0) return {std::nullopt, "bad --broker " + value + "\n" + kUsage};
      o.broker_config[value.substr(0, eq)] = value.substr(eq + 1);
      continue;
    }
    values[key.substr(2)] = std::move(value);
  }
  try {
    for (const auto& [key, value] : values) {
      if (key == "skiffd") o.skiffd = value;
      else if (key == "plugin-dir") o.plugin_dir = value;
      else if (key == "work-dir") o.work_dir = value;
      else if (key == "scale") o.scale = std::stod(value);
      else if (key == "segments") o.segments = std::stoull(value);
      else if (key == "rss-topics") o.rss_topics = std::stoi(value);
      else if (key == "rss-partitions") o.rss_partitions_per_topic = std::stoi(value);
      else if (key == "exporter-rounds") o.exporter_rounds = std::stoi(value);
      else if (key == "latency-rate") o.latency_rate = std::stod(value);
      else if (key == "latency-rounds") o.latency_rounds = std::stoi(value);
      else if (key == "flush") {
        if (value == "both") o.flush_modes = {true, false};
        else if (value == "true" || value == "false") o.flush_modes = {value == "true"};
        else return {std::nullopt, "bad --flush " + value + "\n" + kUsage};
      }
      else if (key == "stages") {
        if (!parse_stages(value, o.stages)) return {std::nullopt, "bad --stages " + value + "\n" + kUsage};
      }
      else return {std::nullopt, "unknown option --" + key + "\n" + kUsage};
    }
  } catch (const std::exception&) {
    return {std::nullopt, "bad number in the options\n" + std::string(kUsage)};
  }
  if (o.skiffd.empty() || o.plugin_dir.empty() || o.work_dir.empty()) {
    return {std::nullopt, std::string("--skiffd, --plugin-dir and --work-dir are required\n") + kUsage};
  }
  if (o.scale <= 0 || o.latency_rate < 0 || o.rss_topics < 1 || o.rss_partitions_per_topic < 1 ||
      o.exporter_rounds < 1 || o.latency_rounds < 1) {
    return {std::nullopt,
            std::string("--scale, the RSS counts, --exporter-rounds and --latency-rounds must be positive, "
                        "--latency-rate not negative\n") + kUsage};
  }
  return {o, ""};
}

}  // namespace skiff::bench

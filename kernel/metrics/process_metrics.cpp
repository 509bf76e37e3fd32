#include "kernel/metrics/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace skiff::kernel::metrics {

namespace {

using sdk::MetricType;

// Fields of /proc/<pid>/stat (or a task's) after the command name, 0-based from
// field 3 ("state"): utime is field 14 and stime 15 in proc(5)'s numbering.
std::vector<std::string> stat_fields(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  auto close = line.rfind(')');
  std::vector<std::string> out;
  if (close == std::string::npos) return out;
  std::istringstream rest(line.substr(close + 2));
  std::string f;
  while (rest >> f) out.push_back(f);
  return out;
}

double field(const std::vector<std::string>& f, size_t proc5_number) {
  size_t i = proc5_number - 3;
  return i < f.size() ? std::stod(f[i]) : 0;
}

double cpu_seconds(const std::filesystem::path& stat) {
  auto f = stat_fields(stat);
  return (field(f, 14) + field(f, 15)) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double boot_time_seconds() {
  std::ifstream in("/proc/stat");
  std::string key;
  double value = 0;
  while (in >> key) {
    if (key == "btime") {
      in >> value;
      return value;
    }
    in.ignore(1 << 20, '\n');
  }
  return 0;
}

int64_t open_fds() {
  std::error_code ec;
  int64_t n = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++n;
  }
  return n;
}

}  // namespace

ProcessMetrics::ProcessMetrics(sdk::MetricsRegistry& registry) {
  auto add = [&](const char* name, MetricType type, const char* help, std::function<double()> fn) {
    registrations_.push_back(registry.callback(
        {name, help, type}, [fn = std::move(fn)](sdk::MetricPoints& out) { out.add({}, fn()); }));
  };
  add("process_cpu_seconds_total", MetricType::kCounter, "User and system CPU time, in seconds.",
      [] { return cpu_seconds("/proc/self/stat"); });
  add("process_resident_memory_bytes", MetricType::kGauge, "Resident memory size, in bytes.", [] {
    return field(stat_fields("/proc/self/stat"), 24) * static_cast<double>(sysconf(_SC_PAGESIZE));
  });
  add("process_virtual_memory_bytes", MetricType::kGauge, "Virtual memory size, in bytes.",
      [] { return field(stat_fields("/proc/self/stat"), 23); });
  add("process_open_fds", MetricType::kGauge, "Open file descriptors.",
      [] { return static_cast<double>(open_fds()); });
  add("process_max_fds", MetricType::kGauge, "Limit on open file descriptors.", [] {
    rlimit limit{};
    return getrlimit(RLIMIT_NOFILE, &limit) == 0 ? static_cast<double>(limit.rlim_cur) : 0;
  });
  const double start = boot_time_seconds() + field(stat_fields("/proc/self/stat"), 22) /
                                                 static_cast<double>(sysconf(_SC_CLK_TCK));
  add("process_start_time_seconds", MetricType::kGauge,
      "Start time of the process since the Unix epoch, in seconds.", [start] { return start; });
  add("kafka_network_socketserver_networkprocessoravgidle_percent", MetricType::kGauge,
      "Fraction of time the network threads were idle since the previous scrape (0 to 1).",
      [this] { return network_idle(); });
}

ProcessMetrics::~ProcessMetrics() = default;

double ProcessMetrics::network_idle() {
  double cpu = 0;
  int threads = 0;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/self/task", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    std::ifstream comm(it->path() / "comm");
    std::string name;
    std::getline(comm, name);
    if (name.rfind("skiff-net", 0) != 0) continue;
    cpu += cpu_seconds(it->path() / "stat");
    ++threads;
  }
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (threads > 0 && last_cpu_seconds_ >= 0) {
    double wall = std::chrono::duration<double>(now - last_sample_).count();
    // CPU time is counted in clock ticks: only a long enough window says anything.
    if (wall >= 1.0) {
      last_idle_ = std::clamp(1.0 - (cpu - last_cpu_seconds_) / (wall * threads), 0.0, 1.0);
    } else {
      return last_idle_;
    }
  }
  last_cpu_seconds_ = cpu;
  last_sample_ = now;
  return last_idle_;
}

}  // namespace skiff::kernel::metrics

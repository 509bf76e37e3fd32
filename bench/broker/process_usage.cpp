// Process usage from /proc and getrusage.
#include "broker/process_usage.h"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "common/bench_error.h"

namespace skiff::bench {

uint64_t resident_kib(pid_t pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/status";
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6));
  }
  throw BenchError("no VmRSS in " + path);
}

double process_cpu_seconds(pid_t pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/stat";
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the parenthesized command name: state is field 3, utime 14, stime 15.
  size_t close = text.rfind(')');
  if (close == std::string::npos) throw BenchError("cannot parse " + path);
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int index = 3; index <= 15 && fields >> field; ++index) {
    if (index >= 14) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double own_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto secs = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6; };
  return secs(usage.ru_utime) + secs(usage.ru_stime);
}

CpuMeter::CpuMeter(pid_t broker)
    : broker_(broker),
      start_(Clock::now()),
      broker_start_(process_cpu_seconds(broker)),
      own_start_(own_cpu_seconds()) {}

CpuShare CpuMeter::read() const {
  double wall = seconds_since(start_);
  CpuShare share;
  if (wall <= 0) return share;
  share.broker_percent = 100 * (process_cpu_seconds(broker_) - broker_start_) / wall;
  share.client_percent = 100 * (own_cpu_seconds() - own_start_) / wall;
  return share;
}

}  // namespace skiff::bench

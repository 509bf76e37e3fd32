// Resource usage of the broker process and of the benchmark itself: resident
// memory (/proc/<pid>/status VmRSS) and CPU time, and a meter of how busy both were
// during a workload (100 % = one core).
#pragma once

#include <sys/types.h>

#include <cstdint>

#include "common/clock.h"

namespace skiff::bench {

// VmRSS in KiB; BenchError if the process or the line is missing.
uint64_t resident_kib(pid_t pid);

// User + system CPU seconds of `pid` (/proc/<pid>/stat), or of this process.
double process_cpu_seconds(pid_t pid);
double own_cpu_seconds();

struct CpuShare {
  double broker_percent = 0;
  double client_percent = 0;
};

class CpuMeter {
 public:
  explicit CpuMeter(pid_t broker);
  CpuShare read() const;

 private:
  pid_t broker_;
  Clock::time_point start_;
  double broker_start_;
  double own_start_;
};

}  // namespace skiff::bench

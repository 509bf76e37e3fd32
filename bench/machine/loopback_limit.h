// This machine's loopback TCP throughput: one sender and one receiver thread over
// 127.0.0.1, 1 MiB writes, default socket buffers.
#pragma once

namespace skiff::bench {

struct LoopbackLimit {
  double mib_per_s = 0;
  double seconds = 0;
};

LoopbackLimit measure_loopback(double seconds);

}  // namespace skiff::bench

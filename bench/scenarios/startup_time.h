// Stage 6: broker startup time with 10,000 segments: from fork/exec to the listener
// accepting and a Metadata round trip answered, after a clean stop (SIGTERM) and
// after kill -9 (recovery of each partition's last segment).
#pragma once

#include "scenarios/bench_context.h"

namespace skiff::bench {

void measure_startup_time(BenchContext& ctx);

}  // namespace skiff::bench

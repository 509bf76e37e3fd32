// The whole benchmark in order: machine limits, produce with and without fsync on
// append, latency at half load, consume, idle RSS, startup, the exporter's cost;
// then the final table.
// A stage that fails is reported as an ERROR row and the next one runs.
#pragma once

#include "options.h"

namespace skiff::bench {

// 0 if every target is met, 1 if one is missed or a stage failed.
int run_benchmark(const BenchOptions& options);

}  // namespace skiff::bench

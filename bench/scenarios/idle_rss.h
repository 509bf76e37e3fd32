// Stage 5: resident memory of an idle broker holding 1,000 partitions (100 topics x
// 10 partitions created through the admin API).
#pragma once

#include "scenarios/bench_context.h"

namespace skiff::bench {

void measure_idle_rss(BenchContext& ctx);

}  // namespace skiff::bench

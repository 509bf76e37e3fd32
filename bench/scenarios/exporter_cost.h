// Stage "exporter": what the Prometheus exporter costs the produce path. Produce
// throughput (the throughput preset, 1 KiB records, one partition per core,
// log.flush.on.append=false) on fresh brokers with the metrics-prometheus exporter
// off and on, in alternating rounds (off,on then on,off, ...) after an uncounted
// warm-up run, while a scraper GETs /metrics every second during the "on" runs. The
// cost is 1 - median(on) / median(off); broker CPU per GiB is reported beside it.
#pragma once

#include "scenarios/bench_context.h"

namespace skiff::bench {

void measure_exporter_cost(BenchContext& ctx);

}  // namespace skiff::bench

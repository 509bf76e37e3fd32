// skiff-bench: measures this machine's limits and a Skiff broker's throughput,
// latency, memory and startup against them, printing figures, ratios and a final
// table. It starts its own skiffd processes on loopback; bench/run.sh drives it.
#include <csignal>
#include <cstdio>

#include "options.h"
#include "scenarios/benchmark_plan.h"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  skiff::bench::ParsedOptions parsed = skiff::bench::parse_options(argc, argv);
  if (!parsed.options) {
    std::fputs(parsed.message.c_str(), stderr);
    return 2;
  }
  return skiff::bench::run_benchmark(*parsed.options);
}

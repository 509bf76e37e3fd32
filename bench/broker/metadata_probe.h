// A raw Metadata (v1, all topics) round trip on an open connection: the check that
// a starting broker serves requests, with no client library's connection logic or
// backoff in the timing.
#pragma once

#include <cstdint>

namespace skiff::bench {

struct MetadataSummary {
  int32_t brokers = 0;
  int32_t topics = 0;
  int64_t partitions = 0;
};

// Sends the request on `fd` and parses the response; BenchError on any failure.
MetadataSummary metadata_round_trip(int fd);

}  // namespace skiff::bench

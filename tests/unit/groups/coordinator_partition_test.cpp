// Groups land on the coordinator partition Kafka would put them in.
#include <catch2/catch.hpp>

#include "kernel/groups/coordinator_partition.h"

using namespace skiff::kernel::groups;

TEST_CASE("java String.hashCode") {
  CHECK(java_string_hash("") == 0);
  CHECK(java_string_hash("hello") == 99162322);
  CHECK(java_string_hash("Aa") == java_string_hash("BB"));
  CHECK(java_string_hash("polygenelubricants") == INT32_MIN);
  // Non-ASCII: UTF-16 code units, including a surrogate pair.
  CHECK(java_string_hash("\xC3\xA9") == 0xE9);                              // é
  CHECK(java_string_hash("\xF0\x9F\x98\x80") == 31 * 0xD83D + 0xDE00);      // U+1F600
}

TEST_CASE("partition_for is abs(hashCode) % partitions, with abs(MIN_VALUE) = 0") {
  CHECK(partition_for("hello", 50) == 99162322 % 50);
  CHECK(partition_for("polygenelubricants", 50) == 0);
  // A negative hash: "test-group-x" style ids must still land in range.
  for (const char* id : {"a", "consumer-group", "zz-top", "\xFF\xFE"}) {
    int32_t p = partition_for(id, 50);
    CHECK(p >= 0);
    CHECK(p < 50);
  }
}

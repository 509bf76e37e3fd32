// Timestamps: ListOffsets by time and MAX_TIMESTAMP through the time index, and
// LogAppendTime topics.
#include <catch2/catch.hpp>

#include "storage_test_support.h"

using namespace skiff;
using namespace skiff::storage;
using namespace skiff::storage::test;

TEST_CASE("offset_for_timestamp finds the first record at or after a time", "[log][time]") {
  LogFixture f;
  f.topic.set("segment.bytes", "400");
  f.topic.set("index.interval.bytes", "0");
  auto log = f.open();
  // Batch i holds 3 records stamped 10000*i + 0, 1, 2.
  for (int i = 0; i < 30; ++i) append(*log, batch(3, 10000 * i));
  REQUIRE(log->segment_count() > 3);

  auto exact = log->offset_for_timestamp(10000 * 7);
  REQUIRE(exact);
  CHECK(exact->offset == 21);
  CHECK(exact->timestamp == 70000);

  auto inside = log->offset_for_timestamp(10000 * 7 + 2);
  REQUIRE(inside);
  CHECK(inside->offset == 23);
  CHECK(inside->timestamp == 70002);

  auto between = log->offset_for_timestamp(10000 * 7 + 5);
  REQUIRE(between);
  CHECK(between->offset == 24);

  auto first = log->offset_for_timestamp(-5);
  REQUIRE(first);
  CHECK(first->offset == 0);
  CHECK_FALSE(log->offset_for_timestamp(10000 * 29 + 3));
}

TEST_CASE("max_timestamp points at the record with the largest timestamp", "[log][time]") {
  LogFixture f;
  f.topic.set("segment.bytes", "300");
  auto log = f.open();
  append(*log, batch(2, 100));
  std::vector<sdk::Record> rs{{"a", "x", {}, 500}, {"b", "y", {}, 9000}, {"c", "z", {}, 600}};
  append(*log, sdk::build_batch(rs));
  append(*log, batch(2, 200));
  auto max = log->max_timestamp();
  REQUIRE(max);
  CHECK(max->timestamp == 9000);
  CHECK(max->offset == 3);
}

TEST_CASE("LogAppendTime topics stamp the broker's clock", "[log][time]") {
  LogFixture f;
  f.topic.set("message.timestamp.type", "LogAppendTime");
  auto log = f.open();
  auto r = append(*log, batch(3, 5));
  REQUIRE(r.error == sdk::ErrorCode::kNone);
  CHECK(r.log_append_time_ms == *f.time.now);
  auto headers = read_headers(read_from(*log, 0));
  REQUIRE(headers.size() == 1);
  CHECK(headers[0].timestamp_type() == sdk::TimestampType::kLogAppendTime);
  CHECK(headers[0].max_timestamp == *f.time.now);
  auto found = log->offset_for_timestamp(*f.time.now);
  REQUIRE(found);
  CHECK(found->offset == 0);
}

TEST_CASE("segments roll after segment.ms", "[log][time]") {
  LogFixture f;
  f.topic.set("segment.ms", "60000");
  f.topic.set("message.timestamp.type", "LogAppendTime");
  auto log = f.open();
  append(*log, batch(1));
  f.time.advance(30000);
  append(*log, batch(1));
  CHECK(log->segment_count() == 1);
  f.time.advance(31000);
  append(*log, batch(1));
  CHECK(log->segment_count() == 2);
  CHECK(log->segments().back()->base_offset() == 2);

  // An idle partition rolls on the housekeeping timer.
  f.time.advance(61000);
  log->roll_if_due();
  CHECK(log->segment_count() == 3);
  log->roll_if_due();  // the new segment is empty
  CHECK(log->segment_count() == 3);
}

TEST_CASE("CreateTime timestamps too far from the broker's clock are refused", "[log][time]") {
  LogFixture f;
  f.topic.set("message.timestamp.before.max.ms", "60000");
  f.topic.set("message.timestamp.after.max.ms", "1000");
  auto log = f.open();
  int64_t now = *f.time.now;
  CHECK(append(*log, batch(2, now - 1000)).error == sdk::ErrorCode::kNone);
  auto old = append(*log, batch(3, now - 60002));  // records 0 and 1 too old
  CHECK(old.error == sdk::ErrorCode::kInvalidTimestamp);
  REQUIRE(old.record_errors.size() == 1);
  CHECK(old.record_errors[0].batch_index == 0);
  auto future = append(*log, batch(3, now + 999));  // record 2 is 1001 ms ahead
  CHECK(future.error == sdk::ErrorCode::kInvalidTimestamp);
  REQUIRE(future.record_errors.size() == 1);
  CHECK(future.record_errors[0].batch_index == 2);
  CHECK(log->log_end_offset() == 2);
}

TEST_CASE("segment.jitter.ms rolls a segment somewhat early", "[log][time]") {
  LogConfig c;
  c.segment_ms = 1000;
  c.segment_jitter_ms = 0;
  CHECK(c.roll_after_ms(12345) == 1000);
  c.segment_jitter_ms = 300;
  for (uint64_t seed : {0ULL, 1ULL, 299ULL, 300ULL, 123456789ULL}) {
    CHECK(c.roll_after_ms(seed) <= 1000);
    CHECK(c.roll_after_ms(seed) > 700);
  }
  c.segment_jitter_ms = 5000;  // never more than segment.ms
  CHECK(c.roll_after_ms(999) == 1);
}

// Removing data: retention by size and time, DeleteRecords, truncation, and
// readers keeping deleted segments alive.
#include <unistd.h>

#include <catch2/catch.hpp>

#include "log_layout.h"
#include "partition_files.h"
#include "storage_test_support.h"

using namespace skiff;
using namespace skiff::storage;
using namespace skiff::storage::test;

namespace {

void fill(Log& log, int batches, int64_t ts = 1000) {
  for (int i = 0; i < batches; ++i)
    REQUIRE(append(log, batch(2, ts + i)).error == sdk::ErrorCode::kNone);
  log.set_high_watermark(log.log_end_offset());
}

}  // namespace

TEST_CASE("retention.bytes deletes the oldest segments", "[retention]") {
  LogFixture f;
  f.topic.set("segment.bytes", "500");
  f.topic.set("retention.bytes", "1200");
  f.topic.set("retention.ms", "-1");
  auto log = f.open();
  fill(*log, 60);
  auto before = log->segment_count();
  log->enforce_retention();
  CHECK(log->segment_count() < before);
  CHECK(log->size_bytes() <= 1200 + 500);
  auto first = log->segments().front()->base_offset();
  CHECK(log->log_start_offset() == first);
  CHECK(first > 0);
  CHECK(read_from(*log, first - 1).error == sdk::ErrorCode::kOffsetOutOfRange);
  CHECK(read_headers(read_from(*log, first)).front().base_offset == first);
  CHECK_FALSE(std::filesystem::exists(f.dir() / "00000000000000000000.log"));
  CHECK_FALSE(std::filesystem::exists(f.dir() / "00000000000000000000.index"));
  CHECK(log->log_end_offset() == 120);
}

TEST_CASE("retention.ms deletes segments whose newest record is too old", "[retention]") {
  LogFixture f;
  f.topic.set("segment.bytes", "500");
  f.topic.set("retention.ms", "60000");
  auto log = f.open();
  int64_t now = *f.time.now;
  fill(*log, 30, now - 120000);  // old
  log->roll();
  fill(*log, 5, now);  // fresh
  auto fresh_base = log->segments().back()->base_offset();
  log->enforce_retention();
  CHECK(log->segments().front()->base_offset() == fresh_base);
  CHECK(log->log_start_offset() == fresh_base);

  // Everything expired: a new empty active segment replaces the old one.
  f.time.advance(200000);
  log->enforce_retention();
  CHECK(log->segment_count() == 1);
  CHECK(log->size_bytes() == 0);
  CHECK(log->log_start_offset() == 70);
  CHECK(log->log_end_offset() == 70);
  CHECK(append(*log, batch(1)).base_offset == 70);
}

TEST_CASE("retention leaves data above the high watermark and compact topics alone",
          "[retention]") {
  LogFixture f;
  f.topic.set("segment.bytes", "300");
  f.topic.set("retention.bytes", "0");
  SECTION("high watermark") {
    auto log = f.open();
    for (int i = 0; i < 20; ++i) append(*log, batch(2));
    log->set_high_watermark(0);
    log->enforce_retention();
    CHECK(log->log_start_offset() == 0);
  }
  SECTION("cleanup.policy=compact") {
    f.topic.set("cleanup.policy", "compact");
    auto log = f.open();
    fill(*log, 20);
    log->enforce_retention();
    CHECK(log->log_start_offset() == 0);
  }
}

TEST_CASE("delete_records_before advances and persists the log start", "[retention]") {
  LogFixture f;
  f.topic.set("segment.bytes", "400");
  {
    auto log = f.open();
    fill(*log, 30);
    CHECK(log->delete_records_before(61) == sdk::ErrorCode::kOffsetOutOfRange);
    CHECK(log->delete_records_before(25) == sdk::ErrorCode::kNone);
    CHECK(log->log_start_offset() == 25);
    CHECK(log->segments().front()->base_offset() <= 25);
    CHECK(log->segments().front()->base_offset() > 0);
    CHECK(read_from(*log, 24).error == sdk::ErrorCode::kOffsetOutOfRange);
    auto headers = read_headers(read_from(*log, 25));
    CHECK(headers.front().base_offset == 24);                        // the batch holding 25
    CHECK(log->delete_records_before(10) == sdk::ErrorCode::kNone);  // no going back
    CHECK(log->log_start_offset() == 25);
    log->close();
  }
  CHECK(partition_files::read_log_start_offset(f.dir()) == 25);
  auto log = f.open();
  CHECK(log->log_start_offset() == 25);
  auto found = log->offset_for_timestamp(0);
  REQUIRE(found);
  CHECK(found->offset == 25);
}

TEST_CASE("truncate_to drops the tail and appends continue", "[retention][truncate]") {
  LogFixture f;
  f.topic.set("segment.bytes", "400");
  auto log = f.open();
  for (int i = 0; i < 20; ++i) append(*log, idempotent_batch(7, 0, 2 * i, 2));
  auto segments_before = log->segment_count();
  log->truncate_to(21);  // inside the batch 20-21: the whole batch goes
  CHECK(log->log_end_offset() == 20);
  CHECK(log->segment_count() <= segments_before);
  CHECK(read_headers(read_from(*log, 0)).back().last_offset() == 19);
  // Producer state went back too: sequence 20 is the next one again.
  CHECK(append(*log, idempotent_batch(7, 0, 20, 2)).base_offset == 20);

  log->truncate_to(0);
  CHECK(log->log_end_offset() == 0);
  CHECK(log->segment_count() == 1);
  CHECK(append(*log, batch(1)).base_offset == 0);
}

TEST_CASE("a slice stays readable after its segment is deleted", "[retention]") {
  LogFixture f;
  f.topic.set("segment.bytes", "300");
  f.topic.set("retention.bytes", "0");
  auto log = f.open();
  fill(*log, 10);
  auto held = read_from(*log, 0, 100);
  REQUIRE(held.slices.size() == 1);
  auto expected = slice_bytes(held);
  log->enforce_retention();
  CHECK_FALSE(std::filesystem::exists(f.dir() / "00000000000000000000.log"));
  CHECK(slice_bytes(held) == expected);
}

// Idempotent and transactional producers: duplicates, sequence gaps, epoch fencing,
// state surviving restarts (clean and crashed), last stable offset and aborts.
#include "producer_state.h"

#include <catch2/catch.hpp>

#include "file.h"
#include "storage_test_support.h"

using namespace skiff;
using namespace skiff::storage;
using namespace skiff::storage::test;

namespace {

std::vector<uint8_t> txn_batch(int64_t pid, int16_t epoch, int32_t seq, int count) {
  sdk::BatchBuildOptions o;
  o.producer_id = pid;
  o.producer_epoch = epoch;
  o.base_sequence = seq;
  o.transactional = true;
  return batch(count, 1000, o);
}

std::vector<uint8_t> marker(int64_t pid, int16_t epoch, sdk::ControlRecordType type) {
  sdk::BatchBuildOptions o;
  o.producer_id = pid;
  o.producer_epoch = epoch;
  o.transactional = true;
  o.control = true;
  return sdk::build_batch(std::vector<sdk::Record>{sdk::make_control_record(type, 0, 2000)}, o);
}

}  // namespace

TEST_CASE("a retried batch is answered with its original offsets", "[producer]") {
  LogFixture f;
  auto log = f.open();
  append(*log, batch(2));  // a non-idempotent batch first
  auto first = append(*log, idempotent_batch(7, 0, 0, 3));
  REQUIRE(first.error == sdk::ErrorCode::kNone);
  CHECK(first.base_offset == 2);
  auto retry = append(*log, idempotent_batch(7, 0, 0, 3));
  CHECK(retry.error == sdk::ErrorCode::kNone);
  CHECK(retry.base_offset == 2);
  CHECK(retry.last_offset == 4);
  CHECK(log->log_end_offset() == 5);
}

TEST_CASE("duplicates are recognised among the last five batches only", "[producer]") {
  LogFixture f;
  auto log = f.open();
  for (int i = 0; i < 6; ++i)
    REQUIRE(append(*log, idempotent_batch(7, 0, 3 * i, 3)).error == sdk::ErrorCode::kNone);
  auto recent = append(*log, idempotent_batch(7, 0, 3, 3));
  CHECK(recent.error == sdk::ErrorCode::kNone);
  CHECK(recent.base_offset == 3);
  auto too_old = append(*log, idempotent_batch(7, 0, 0, 3));
  CHECK(too_old.error == sdk::ErrorCode::kOutOfOrderSequenceNumber);
  CHECK(log->log_end_offset() == 18);
}

TEST_CASE("sequence gaps are out of order and write nothing", "[producer]") {
  LogFixture f;
  auto log = f.open();
  append(*log, idempotent_batch(7, 0, 0, 3));
  auto gap = append(*log, idempotent_batch(7, 0, 5, 1));
  CHECK(gap.error == sdk::ErrorCode::kOutOfOrderSequenceNumber);
  CHECK(log->log_end_offset() == 3);
  CHECK(append(*log, idempotent_batch(7, 0, 3, 1)).error == sdk::ErrorCode::kNone);

  // A two-batch request whose second batch is out of order is rejected whole.
  auto request = idempotent_batch(7, 0, 4, 1);
  auto second = idempotent_batch(7, 0, 9, 1);
  request.insert(request.end(), second.begin(), second.end());
  CHECK(append(*log, request).error == sdk::ErrorCode::kOutOfOrderSequenceNumber);
  CHECK(log->log_end_offset() == 4);

  // In order within one request is fine.
  request = idempotent_batch(7, 0, 4, 1);
  second = idempotent_batch(7, 0, 5, 2);
  request.insert(request.end(), second.begin(), second.end());
  CHECK(append(*log, request).error == sdk::ErrorCode::kNone);
  CHECK(log->log_end_offset() == 7);
}

TEST_CASE("epochs fence old producers and restart sequences", "[producer]") {
  LogFixture f;
  auto log = f.open();
  append(*log, idempotent_batch(7, 0, 0, 3));
  CHECK(append(*log, idempotent_batch(7, 1, 3, 1)).error ==
        sdk::ErrorCode::kOutOfOrderSequenceNumber);
  CHECK(append(*log, idempotent_batch(7, 1, 0, 1)).error == sdk::ErrorCode::kNone);
  CHECK(append(*log, idempotent_batch(7, 0, 3, 1)).error == sdk::ErrorCode::kInvalidProducerEpoch);
  CHECK(append(*log, idempotent_batch(7, 1, 1, 1)).error == sdk::ErrorCode::kNone);
}

TEST_CASE("an unknown producer may start at any sequence (Kafka 3.x)", "[producer]") {
  LogFixture f;
  auto log = f.open();
  CHECK(append(*log, idempotent_batch(99, 4, 1234, 2)).error == sdk::ErrorCode::kNone);
  CHECK(append(*log, idempotent_batch(99, 4, 1236, 1)).error == sdk::ErrorCode::kNone);
  CHECK(append(*log, idempotent_batch(99, 4, 1240, 1)).error ==
        sdk::ErrorCode::kOutOfOrderSequenceNumber);
}

TEST_CASE("sequences wrap after INT32_MAX", "[producer]") {
  LogFixture f;
  auto log = f.open();
  CHECK(append(*log, idempotent_batch(5, 0, INT32_MAX - 1, 2)).error == sdk::ErrorCode::kNone);
  CHECK(append(*log, idempotent_batch(5, 0, 0, 1)).error == sdk::ErrorCode::kNone);
}

TEST_CASE("producer state survives a clean restart and a crash", "[producer][recovery]") {
  LogFixture f;
  f.topic.set("segment.bytes", "400");
  bool clean = GENERATE(true, false);
  {
    auto log = f.open();
    for (int i = 0; i < 12; ++i) append(*log, idempotent_batch(7, 2, 2 * i, 2));
    append(*log, idempotent_batch(8, 0, 0, 1));
    REQUIRE(log->segment_count() > 2);
    if (clean) log->close();
  }
  auto log = f.open();
  CHECK(f.logger.heard("recovered") == !clean);
  auto dup = append(*log, idempotent_batch(7, 2, 22, 2));
  CHECK(dup.error == sdk::ErrorCode::kNone);
  CHECK(dup.base_offset == 22);
  CHECK(log->log_end_offset() == 25);
  CHECK(append(*log, idempotent_batch(7, 2, 30, 1)).error ==
        sdk::ErrorCode::kOutOfOrderSequenceNumber);
  CHECK(append(*log, idempotent_batch(7, 1, 0, 1)).error == sdk::ErrorCode::kInvalidProducerEpoch);
  CHECK(append(*log, idempotent_batch(8, 0, 1, 1)).error == sdk::ErrorCode::kNone);
}

TEST_CASE("without any snapshot producer state comes from the batch headers",
          "[producer][recovery]") {
  LogFixture f;
  {
    auto log = f.open();
    for (int i = 0; i < 5; ++i) append(*log, idempotent_batch(7, 0, i, 1));
  }
  for (const auto& e : std::filesystem::directory_iterator(f.dir())) {
    if (e.path().extension() == ".snapshot") std::filesystem::remove(e.path());
  }
  auto log = f.open();
  CHECK(append(*log, idempotent_batch(7, 0, 4, 1)).base_offset == 4);
  CHECK(append(*log, idempotent_batch(7, 0, 5, 1)).base_offset == 5);
}

TEST_CASE("transactions bound the last stable offset and report aborts", "[producer][txn]") {
  LogFixture f;
  f.topic.set("segment.bytes", "300");
  auto log = f.open();
  append(*log, batch(2));                // 0-1
  append(*log, txn_batch(11, 0, 0, 2));  // 2-3  txn A
  append(*log, batch(1));                // 4
  log->set_high_watermark(log->log_end_offset());
  CHECK(log->last_stable_offset() == 2);
  append(*log, txn_batch(12, 0, 0, 1));                         // 5    txn B
  append(*log, marker(11, 0, sdk::ControlRecordType::kAbort));  // 6
  log->set_high_watermark(log->log_end_offset());
  CHECK(log->last_stable_offset() == 5);
  append(*log, marker(12, 0, sdk::ControlRecordType::kCommit));  // 7
  log->set_high_watermark(log->log_end_offset());
  CHECK(log->last_stable_offset() == 8);

  auto check_aborts = [&](sdk::PartitionLog& l) {
    auto r = read_from(l, 0, 1 << 20, l.last_stable_offset());
    REQUIRE(r.aborted.size() == 1);
    CHECK(r.aborted[0].producer_id == 11);
    CHECK(r.aborted[0].first_offset == 2);
    CHECK(read_from(l, 7).aborted.empty());
  };
  check_aborts(*log);

  // After a crash the recovered segment's aborts are found again.
  log.reset();
  auto reopened = f.open();
  reopened->set_high_watermark(reopened->log_end_offset());
  CHECK(reopened->last_stable_offset() == 8);
  check_aborts(*reopened);
}

TEST_CASE("a control batch without a marker record is refused", "[producer][txn]") {
  LogFixture f;
  auto log = f.open();
  sdk::BatchBuildOptions o;
  o.producer_id = 3;
  o.producer_epoch = 0;
  o.control = true;
  CHECK(append(*log, batch(1, 0, o)).error == sdk::ErrorCode::kInvalidRecord);
}

TEST_CASE("the state manager checks without changing state", "[producer]") {
  ProducerStateManager m;
  auto h = sdk::RecordBatchHeader::parse(idempotent_batch(1, 0, 0, 2).data());
  auto verdict = m.check(std::vector<sdk::RecordBatchHeader>{h});
  CHECK(verdict.error == sdk::ErrorCode::kNone);
  CHECK_FALSE(verdict.duplicate);
  CHECK(m.size() == 0);
  m.apply(h, std::nullopt);
  REQUIRE(m.find(1));
  CHECK(m.find(1)->batches.back().last_seq == 1);
  CHECK(m.check(std::vector<sdk::RecordBatchHeader>{h}).duplicate);
}

TEST_CASE("idle producers expire; an open transaction keeps its producer", "[producer]") {
  LogFixture f;
  auto log = f.open();
  const int64_t now = f.time.now->load();
  REQUIRE(append(*log, idempotent_batch(7, 0, 0, 3, now)).error == sdk::ErrorCode::kNone);
  // Timestamp 1000: long idle by the clock, but its transaction is still open.
  REQUIRE(append(*log, txn_batch(8, 0, 0, 2)).error == sdk::ErrorCode::kNone);
  log->set_high_watermark(log->log_end_offset());
  const int64_t unstable = log->last_stable_offset();
  CHECK(unstable == 3);

  f.time.advance(1000);
  log->expire_producers(5000);  // producer 7 has been idle 1 s only
  CHECK(append(*log, idempotent_batch(7, 0, 10, 1, now)).error ==
        sdk::ErrorCode::kOutOfOrderSequenceNumber);
  CHECK_FALSE(f.logger.heard("idle producer"));

  f.time.advance(10000);
  log->expire_producers(5000);
  CHECK(f.logger.heard("expired 1 idle producer id(s)"));
  // Forgotten, producer 7 may start anywhere again (as an unknown producer id).
  CHECK(append(*log, idempotent_batch(7, 0, 10, 1, now)).error == sdk::ErrorCode::kNone);
  // Producer 8 was kept: its transaction still bounds the last stable offset, and
  // its next batch must follow on.
  log->set_high_watermark(log->log_end_offset());
  CHECK(log->last_stable_offset() == unstable);
  CHECK(append(*log, txn_batch(8, 0, 5, 1)).error == sdk::ErrorCode::kOutOfOrderSequenceNumber);
}

TEST_CASE("a failed fsync takes the partition offline until a restart", "[producer][durability]") {
  LogFixture f;
  auto log = f.open(/*flush_on_append=*/true);
  REQUIRE(append(*log, idempotent_batch(7, 0, 0, 1)).error == sdk::ErrorCode::kNone);

  fail_next_syncs_for_testing(1);
  CHECK(append(*log, idempotent_batch(7, 0, 1, 1)).error == sdk::ErrorCode::kKafkaStorageError);
  CHECK(f.logger.heard("an fsync failed"));
  // The producer's retry must not be answered as a duplicate of data whose
  // durability is unknown, and a later fsync that happens to work acknowledges
  // nothing either.
  CHECK(append(*log, idempotent_batch(7, 0, 1, 1)).error == sdk::ErrorCode::kKafkaStorageError);
  CHECK(append(*log, batch(1)).error == sdk::ErrorCode::kKafkaStorageError);
  CHECK(log->sync_to(log->log_end_offset()) == sdk::ErrorCode::kKafkaStorageError);

  // No clean-shutdown marker: reopening checks the files, then takes writes again.
  log->close();
  log.reset();
  CHECK_FALSE(std::filesystem::exists(f.dir() / ".clean-shutdown"));
  log = f.open(true);
  CHECK(append(*log, batch(1)).error == sdk::ErrorCode::kNone);
}

TEST_CASE("a failed deferred fsync is reported to the caller", "[durability]") {
  LogFixture f;
  auto log = f.open();
  sdk::AppendRequest request;
  auto bytes = batch(2);
  request.batches = bytes;
  request.defer_sync = true;
  auto result = log->append(request);
  REQUIRE(result.error == sdk::ErrorCode::kNone);
  fail_next_syncs_for_testing(1);
  CHECK(log->sync_to(result.last_offset + 1) == sdk::ErrorCode::kKafkaStorageError);
  CHECK(append(*log, batch(1)).error == sdk::ErrorCode::kKafkaStorageError);
}

TEST_CASE("a deferred append says when the flush policy wants an fsync", "[durability]") {
  auto deferred = [](sdk::PartitionLog& log, int count) {
    sdk::AppendRequest request;
    auto bytes = batch(count);
    request.batches = bytes;
    request.defer_sync = true;
    return log.append(request);
  };
  SECTION("log.flush.on.append: every append") {
    LogFixture f;
    auto log = f.open(/*flush_on_append=*/true);
    auto r = deferred(*log, 2);
    REQUIRE(r.error == sdk::ErrorCode::kNone);
    CHECK(r.needs_sync);
    CHECK(log->sync_to(r.last_offset + 1) == sdk::ErrorCode::kNone);
    CHECK(deferred(*log, 1).needs_sync);
  }
  SECTION("flush.messages: once that many are unflushed, counted from the last sync") {
    LogFixture f;
    f.topic.set("flush.messages", "3");
    auto log = f.open();
    CHECK_FALSE(deferred(*log, 1).needs_sync);
    CHECK_FALSE(deferred(*log, 1).needs_sync);
    auto third = deferred(*log, 1);
    CHECK(third.needs_sync);
    CHECK(log->sync_to(third.last_offset + 1) == sdk::ErrorCode::kNone);
    CHECK_FALSE(deferred(*log, 2).needs_sync);
    CHECK(deferred(*log, 1).needs_sync);
  }
  SECTION("no policy: never") {
    LogFixture f;
    auto log = f.open();
    for (int i = 0; i < 5; ++i) CHECK_FALSE(deferred(*log, 10).needs_sync);
  }
}

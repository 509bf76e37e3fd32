// RecordBatch v2 helpers: header parsing, validation failures and their error
// codes, in-place rewrites, record walking, varints and the builder.
#include "skiff/sdk/record_batch.h"

#include <catch2/catch.hpp>
#include <limits>
#include <random>

using namespace skiff::sdk;

namespace {

std::vector<uint8_t> sample(int count = 3) {
  std::vector<Record> rs;
  for (int i = 0; i < count; ++i) {
    rs.push_back({"key" + std::to_string(i), "value" + std::to_string(i), {}, 5000 + i * 10});
  }
  rs[0].headers = {{"h1", "x"}, {"h2", std::nullopt}};
  if (count > 1) rs[1].key.reset();
  return build_batch(rs);
}

}  // namespace

TEST_CASE("a built batch validates and parses", "[record_batch]") {
  BatchBuildOptions o;
  o.base_offset = 77;
  o.producer_id = 9;
  o.producer_epoch = 2;
  o.base_sequence = 40;
  o.partition_leader_epoch = 5;
  auto bytes = build_batch(std::vector<Record>{{"a", "b", {}, 100}, {"c", "d", {}, 150}}, o);
  REQUIRE(validate_batch(bytes));
  auto h = RecordBatchHeader::parse(bytes.data());
  CHECK(h.base_offset == 77);
  CHECK(h.size_in_bytes() == bytes.size());
  CHECK(h.magic == 2);
  CHECK(h.records_count == 2);
  CHECK(h.last_offset_delta == 1);
  CHECK(h.last_offset() == 78);
  CHECK(h.base_timestamp == 100);
  CHECK(h.max_timestamp == 150);
  CHECK(h.producer_id == 9);
  CHECK(h.producer_epoch == 2);
  CHECK(h.base_sequence == 40);
  CHECK(h.last_sequence() == 41);
  CHECK(h.partition_leader_epoch == 5);
  CHECK(h.compression() == Compression::kNone);
  CHECK(h.timestamp_type() == TimestampType::kCreateTime);
  CHECK_FALSE(h.transactional());
  CHECK_FALSE(h.control());
  CHECK(RecordBatchHeader::parse(std::span<const uint8_t>(bytes.data(), 60)) == std::nullopt);
}

TEST_CASE("records, keys, values and headers are walked back", "[record_batch]") {
  auto bytes = sample();
  std::vector<std::string> keys, values, header_keys;
  int nulls = 0;
  auto walked = for_each_record(bytes, [&](const RecordView& r) {
    if (r.key)
      keys.emplace_back(r.key->begin(), r.key->end());
    else
      ++nulls;
    values.emplace_back(r.value->begin(), r.value->end());
    for_each_header(r, [&](const RecordHeaderView& h) {
      header_keys.emplace_back(h.key.begin(), h.key.end());
      if (header_keys.size() == 2) CHECK_FALSE(h.value.has_value());
    });
  });
  REQUIRE(walked);
  CHECK(keys == std::vector<std::string>{"key0", "key2"});
  CHECK(nulls == 1);
  CHECK(values == std::vector<std::string>{"value0", "value1", "value2"});
  CHECK(header_keys == std::vector<std::string>{"h1", "h2"});
}

TEST_CASE("validation rejects damaged batches with Kafka's error codes", "[record_batch]") {
  auto good = sample();

  SECTION("CRC mismatch") {
    auto bad = good;
    bad.back() ^= 0x01;
    auto v = validate_batch(bad);
    CHECK_FALSE(v);
    CHECK(v.error == ErrorCode::kCorruptMessage);
    CHECK_THAT(v.message, Catch::Contains("CRC"));
  }
  SECTION("wrong magic") {
    auto bad = good;
    bad[batch::kMagic] = 1;
    auto v = validate_batch(bad);
    CHECK(v.error == ErrorCode::kCorruptMessage);
    CHECK_THAT(v.message, Catch::Contains("magic"));
  }
  SECTION("truncated") {
    auto bad = good;
    bad.pop_back();
    CHECK(validate_batch(bad).error == ErrorCode::kCorruptMessage);
    std::vector<std::span<const uint8_t>> spans;
    CHECK(validate_batches(bad, spans).error == ErrorCode::kCorruptMessage);
    CHECK(validate_batch(std::span<const uint8_t>(good.data(), 20)).error ==
          ErrorCode::kCorruptMessage);
  }
  SECTION("length field smaller than a header") {
    auto bad = good;
    store_be<int32_t>(bad.data() + batch::kBatchLength, 10);
    std::vector<std::span<const uint8_t>> spans;
    CHECK(validate_batches(bad, spans).error == ErrorCode::kCorruptMessage);
  }
  SECTION("bad record framing") {
    auto bad = good;
    bad[batch::kHeaderSize] += 2;  // first record's length varint one larger
    update_crc(bad);
    auto v = validate_batch(bad);
    CHECK(v.error == ErrorCode::kInvalidRecord);
    CHECK(v.record_index >= 0);
  }
  SECTION("record count disagrees with the records") {
    auto bad = good;
    store_be<int32_t>(bad.data() + batch::kRecordsCount, 4);
    store_be<int32_t>(bad.data() + batch::kLastOffsetDelta, 3);
    update_crc(bad);
    CHECK(validate_batch(bad).error == ErrorCode::kInvalidRecord);
    store_be<int32_t>(bad.data() + batch::kRecordsCount, 2);
    store_be<int32_t>(bad.data() + batch::kLastOffsetDelta, 1);
    update_crc(bad);
    auto v = validate_batch(bad);
    CHECK(v.error == ErrorCode::kInvalidRecord);
    CHECK_THAT(v.message, Catch::Contains("follow the last"));
  }
  SECTION("lastOffsetDelta inconsistent with the count") {
    auto bad = good;
    store_be<int32_t>(bad.data() + batch::kLastOffsetDelta, 7);
    update_crc(bad);
    CHECK(validate_batch(bad).error == ErrorCode::kInvalidRecord);
    BatchValidationOptions lenient;
    lenient.contiguous_offsets = false;
    CHECK(validate_batch(bad, lenient));  // compaction leaves such gaps
  }
  SECTION("negative record count") {
    auto bad = good;
    store_be<int32_t>(bad.data() + batch::kRecordsCount, -1);
    update_crc(bad);
    CHECK(validate_batch(bad).error == ErrorCode::kInvalidRecord);
  }
  SECTION("unknown compression id") {
    auto bad = good;
    store_be<int16_t>(bad.data() + batch::kAttributes, 6);
    update_crc(bad);
    CHECK(validate_batch(bad).error == ErrorCode::kCorruptMessage);
  }
  SECTION("empty batch from a producer") {
    auto empty = build_batch(std::vector<Record>{});
    CHECK(validate_batch(empty).error == ErrorCode::kInvalidRecord);
  }
  SECTION("trailing bytes after the last batch") {
    auto two = good;
    two.insert(two.end(), good.begin(), good.end());
    two.push_back(0);
    std::vector<std::span<const uint8_t>> spans;
    CHECK(validate_batches(two, spans).error == ErrorCode::kCorruptMessage);
    two.pop_back();
    REQUIRE(validate_batches(two, spans));
    CHECK(spans.size() == 2);
  }
}

TEST_CASE("broker rewrites keep the batch valid", "[record_batch]") {
  auto bytes = sample();
  uint32_t crc = RecordBatchHeader::parse(bytes.data()).crc;
  set_base_offset(bytes, 123456789);
  set_partition_leader_epoch(bytes, 42);
  CHECK(RecordBatchHeader::parse(bytes.data()).crc == crc);
  CHECK(validate_batch(bytes));
  set_log_append_time(bytes, 999999);
  auto h = RecordBatchHeader::parse(bytes.data());
  CHECK(h.timestamp_type() == TimestampType::kLogAppendTime);
  CHECK(h.max_timestamp == 999999);
  CHECK(h.base_offset == 123456789);
  CHECK(h.partition_leader_epoch == 42);
  CHECK(validate_batch(bytes));
}

TEST_CASE("varints round-trip and overlong ones are refused", "[record_batch]") {
  std::vector<int64_t> values = {0,
                                 1,
                                 -1,
                                 63,
                                 -64,
                                 64,
                                 300,
                                 -300,
                                 INT32_MAX,
                                 INT32_MIN,
                                 std::numeric_limits<int64_t>::max(),
                                 std::numeric_limits<int64_t>::min()};
  std::vector<uint8_t> out;
  for (auto v : values) append_varlong(out, v);
  RecordCursor c(out);
  for (auto v : values) {
    int64_t got = 0;
    REQUIRE(c.read_varlong(got));
    CHECK(got == v);
  }
  CHECK(c.remaining() == 0);

  std::vector<uint8_t> big;
  append_varlong(big, int64_t{1} << 40);
  RecordCursor c32(big);
  int32_t small = 0;
  CHECK_FALSE(c32.read_varint(small));  // does not fit 32 bits

  std::vector<uint8_t> endless(11, 0x80);
  RecordCursor c64(endless);
  int64_t v = 0;
  CHECK_FALSE(c64.read_varlong(v));
}

TEST_CASE("control records and sequence wrap-around", "[record_batch]") {
  BatchBuildOptions o;
  o.control = true;
  o.transactional = true;
  o.producer_id = 1;
  o.producer_epoch = 0;
  auto marker =
      build_batch(std::vector<Record>{make_control_record(ControlRecordType::kAbort, 3, 10)}, o);
  REQUIRE(validate_batch(marker));
  CHECK(RecordBatchHeader::parse(marker.data()).control());
  std::optional<ControlRecordType> type;
  for_each_record(marker, [&](const RecordView& r) { type = control_record_type(r); });
  CHECK(type == ControlRecordType::kAbort);

  RecordBatchHeader h;
  h.base_sequence = INT32_MAX - 1;
  h.last_offset_delta = 3;
  CHECK(h.last_sequence() == 1);
}

TEST_CASE("record timestamps and offsets never overflow", "[record_batch]") {
  RecordBatchHeader h;
  h.base_timestamp = INT64_MAX - 5;
  h.base_offset = 100;
  RecordView r;
  r.timestamp_delta = 10;
  r.offset_delta = 3;
  CHECK(record_timestamp(h, r) == INT64_MAX);
  CHECK(record_offset(h, r) == 103);
  h.base_timestamp = INT64_MIN + 1;
  r.timestamp_delta = -10;
  CHECK(record_timestamp(h, r) == INT64_MIN);
  h.attributes = batch::kTimestampTypeBit;
  h.max_timestamp = 42;
  CHECK(record_timestamp(h, r) == 42);
}

TEST_CASE("random damage never crashes validation", "[record_batch][fuzz]") {
  std::mt19937 rng(7);
  auto good = sample(5);
  std::vector<std::span<const uint8_t>> spans;
  int accepted = 0;
  for (int round = 0; round < 5000; ++round) {
    auto bytes = good;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < flips; ++i) bytes[rng() % bytes.size()] = static_cast<uint8_t>(rng());
    if (rng() % 3 == 0) bytes.resize(rng() % bytes.size());
    if (rng() % 2 == 0) update_crc(bytes);
    auto v = validate_batches(bytes, spans);
    if (v)
      ++accepted;
    else
      CHECK((v.error == ErrorCode::kCorruptMessage || v.error == ErrorCode::kInvalidRecord));
    for_each_record(bytes, [](const RecordView&) {});
  }
  CHECK(accepted < 5000);
}

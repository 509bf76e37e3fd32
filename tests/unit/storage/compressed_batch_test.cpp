// Compressed batches on append: decompressed with each of Kafka's codecs, their
// records held to the rules of uncompressed ones (recordsCount, offset deltas, framing,
// no trailing bytes), their maxTimestamp taken from the records, corrupt payloads and
// decompression bombs refused with Kafka's error codes, and nothing written on refusal.
#include <catch2/catch.hpp>

#include "batch_decompressor.h"
#include "compression_test_support.h"
#include "prepared_append.h"
#include "storage_test_support.h"

using namespace skiff;
using namespace skiff::storage;
using namespace skiff::storage::test;

namespace {

// Records whose largest timestamp is not the last, so maxTimestamp must be computed.
std::vector<uint8_t> plain_batch(int count = 5) {
  std::vector<sdk::Record> rs;
  for (int i = 0; i < count; ++i) {
    rs.push_back({"k" + std::to_string(i),
                  "value-" + std::string(20, static_cast<char>('a' + i)),
                  {},
                  i == 2 ? 9000 : 1000 + i});
  }
  if (count > 0) rs[0].headers.push_back({"h", std::string("x")});
  return sdk::build_batch(rs);
}

// Rewrites recordsCount and lastOffsetDelta as a lying producer would.
void set_count(std::vector<uint8_t>& batch, int32_t count) {
  sdk::store_be<int32_t>(batch.data() + sdk::batch::kRecordsCount, count);
  sdk::store_be<int32_t>(batch.data() + sdk::batch::kLastOffsetDelta, count - 1);
  sdk::update_crc(batch);
}

// Sets record `index`'s offset delta in an uncompressed batch whose records are short
// (one-byte length varint) with timestamp deltas under 64 (one byte).
void set_offset_delta(std::vector<uint8_t>& plain, int index, int8_t delta) {
  std::size_t pos = sdk::batch::kHeaderSize;
  for (int i = 0; i < index; ++i) pos += 1 + static_cast<std::size_t>(plain[pos] >> 1);
  plain[pos + 3] = static_cast<uint8_t>(delta << 1);  // zig-zag of a small positive
  sdk::update_crc(plain);
}

PreparedAppend prepare(std::span<const uint8_t> bytes, LogConfig config = {}) {
  return prepare_append(bytes, config, 3, 1'700'000'000'000);
}

const auto kAllCodecs = {Codec::kGzip, Codec::kSnappyXerial, Codec::kSnappyRaw, Codec::kLz4,
                         Codec::kZstd};

}  // namespace

TEST_CASE("compressed batches of every codec are accepted with offsets and max timestamp",
          "[compression]") {
  auto codec = GENERATE(values(kAllCodecs));
  INFO(codec_name(codec));
  auto plain = plain_batch();
  // The producer's maxTimestamp is wrong; the broker recomputes it from the records.
  sdk::store_be<int64_t>(plain.data() + sdk::batch::kMaxTimestamp, 1000);
  auto bytes = compressed_batch(codec, plain);

  auto prepared = prepare(bytes);
  REQUIRE(prepared.ok());
  CHECK(prepared.offset_count == 5);
  CHECK(prepared.batches.at(0).header.max_timestamp == 9000);
  CHECK(prepared.batches.at(0).header.compression() == compression_of(codec));
  CHECK(sdk::validate_batch(prepared.bytes));  // CRC recomputed after the rewrite

  LogFixture f;
  auto log = f.open();
  append(*log, plain_batch(2));
  auto r = append(*log, bytes);
  REQUIRE(r.error == sdk::ErrorCode::kNone);
  CHECK(r.base_offset == 2);
  CHECK(r.last_offset == 6);
  auto max = log->max_timestamp();
  REQUIRE(max);
  CHECK(max->timestamp == 9000);
  auto headers = read_headers(read_from(*log, 2));
  REQUIRE(headers.size() == 1);
  CHECK(headers[0].base_offset == 2);
  CHECK(headers[0].max_timestamp == 9000);
}

TEST_CASE("compressed batches whose records lie are refused with INVALID_RECORD", "[compression]") {
  auto codec = GENERATE(values(kAllCodecs));
  INFO(codec_name(codec));
  auto plain = plain_batch();

  auto refused = [&](const std::vector<uint8_t>& bytes, const char* why) {
    LogFixture f;
    auto log = f.open();
    auto r = append(*log, bytes);
    CHECK(r.error == sdk::ErrorCode::kInvalidRecord);
    CHECK_THAT(r.error_message, Catch::Contains(why));
    CHECK(log->log_end_offset() == 0);
    CHECK(log->size_bytes() == 0);
  };

  SECTION("recordsCount larger than the records") {
    auto bytes = compressed_batch(codec, plain);
    set_count(bytes, 6);
    refused(bytes, "recordsCount is 6 but the batch ends after 5 records");
  }
  SECTION("recordsCount smaller than the records") {
    auto bytes = compressed_batch(codec, plain);
    set_count(bytes, 3);
    refused(bytes, "follow the last of 3 records");
  }
  SECTION("lastOffsetDelta disagrees with recordsCount") {
    auto bytes = compressed_batch(codec, plain);
    sdk::store_be<int32_t>(bytes.data() + sdk::batch::kLastOffsetDelta, 9);
    sdk::update_crc(bytes);
    refused(bytes, "lastOffsetDelta 9");
  }
  SECTION("offset deltas not consecutive") {
    auto gap = plain_batch();
    set_offset_delta(gap, 3, 4);
    refused(compressed_batch(codec, gap), "record 3 has offset delta 4");
  }
  SECTION("trailing bytes after the records") {
    std::vector<uint8_t> section(records_section(plain).begin(), records_section(plain).end());
    section.insert(section.end(), {0, 0, 0});
    refused(with_payload(plain, compression_of(codec), compress(codec, section)),
            "3 bytes follow the last of 5 records");
  }
  SECTION("bad record framing") {
    auto bad = plain_batch();
    bad[sdk::batch::kHeaderSize] += 2;  // first record's length one larger
    refused(compressed_batch(codec, bad), "record 0");
  }
}

TEST_CASE("corrupt compressed payloads are refused with CORRUPT_MESSAGE", "[compression]") {
  auto codec = GENERATE(values(kAllCodecs));
  INFO(codec_name(codec));
  auto plain = plain_batch();
  auto payload = compress(codec, records_section(plain));

  std::vector<uint8_t> bytes;
  SECTION("truncated") {
    payload.resize(payload.size() - 3);
    bytes = with_payload(plain, compression_of(codec), payload);
  }
  SECTION("garbage") {
    std::string junk = "this was never compressed with anything at all";
    bytes = with_payload(plain, compression_of(codec),
                         std::span(reinterpret_cast<const uint8_t*>(junk.data()), junk.size()));
  }
  SECTION("garbage after the compressed data") {
    payload.insert(payload.end(), {1, 2, 3, 4, 5, 6, 7, 8, 9});
    if (codec == Codec::kSnappyRaw) return;  // one raw block has no end of its own
    bytes = with_payload(plain, compression_of(codec), payload);
  }
  SECTION("empty") { bytes = with_payload(plain, compression_of(codec), {}); }

  LogFixture f;
  auto log = f.open();
  auto r = append(*log, bytes);
  CHECK(r.error == sdk::ErrorCode::kCorruptMessage);
  CHECK_THAT(r.error_message, Catch::Contains("record batch 0"));
  CHECK(log->log_end_offset() == 0);
}

TEST_CASE("an unknown compression id is CORRUPT_MESSAGE", "[compression]") {
  auto plain = plain_batch();
  auto bytes = with_payload(plain, static_cast<sdk::Compression>(5), records_section(plain));
  auto prepared = prepare(bytes);
  CHECK(prepared.error == sdk::ErrorCode::kCorruptMessage);
  CHECK_THAT(prepared.message, Catch::Contains("unknown compression id 5"));
}

TEST_CASE("decompressed output is bounded for every codec", "[compression]") {
  auto codec = GENERATE(values(kAllCodecs));
  INFO(codec_name(codec));
  // Large enough for several buffer growths, compressible so snappy/lz4 keep it small.
  std::vector<uint8_t> data(300'000);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i % 251);
  auto payload = compress(codec, data);
  BatchDecompressor d;
  std::span<const uint8_t> out;
  REQUIRE(d.decompress(compression_of(codec), payload, out, data.size()));
  CHECK(std::equal(out.begin(), out.end(), data.begin(), data.end()));
  auto over = d.decompress(compression_of(codec), payload, out, data.size() - 1);
  CHECK(over.error == sdk::ErrorCode::kInvalidRecord);
  CHECK_THAT(over.message, Catch::Contains("decompress to more than"));
  CHECK(out.empty());
  // The decompressor is reusable after a refusal.
  REQUIRE(d.decompress(compression_of(codec), payload, out, data.size()));
  CHECK(out.size() == data.size());
}

TEST_CASE("the size limit scales with the compressed size", "[compression]") {
  CHECK(decompressed_size_limit(1) == 64u << 20);
  CHECK(decompressed_size_limit(1u << 20) == 256u << 20);
  CHECK(decompressed_size_limit(std::size_t{1} << 40) == INT32_MAX);
}

TEST_CASE("decompression bombs are refused without inflating them", "[compression]") {
  auto plain = plain_batch(1);
  auto zeros = [](std::span<uint8_t> chunk, std::size_t) {
    std::memset(chunk.data(), 0, chunk.size());
  };
  std::vector<uint8_t> bomb;
  SECTION("zstd, 1 GiB of zeros, size unknown") { bomb = zstd_stream(std::size_t{1} << 30, zeros); }
  SECTION("zstd, 1 GiB of zeros, size declared") {
    bomb = zstd_stream(std::size_t{1} << 30, zeros, std::size_t{1} << 30);
  }
  SECTION("snappy block claiming 1 GiB") {
    // A varint length of 2^30 and nothing behind it.
    bomb = {0x80, 0x80, 0x80, 0x80, 0x04, 0x00};
  }
  SECTION("gzip, 256 MiB of zeros") { bomb = gzip_stream(std::size_t{256} << 20, zeros); }
  INFO(bomb.size() << " compressed bytes");
  REQUIRE(bomb.size() < (1u << 20));
  auto codec = bomb.front() == 0x1f   ? sdk::Compression::kGzip
               : bomb.front() == 0x80 ? sdk::Compression::kSnappy
                                      : sdk::Compression::kZstd;
  LogFixture f;
  auto log = f.open();
  auto r = append(*log, with_payload(plain, codec, bomb));
  CHECK(r.error == sdk::ErrorCode::kInvalidRecord);
  CHECK_THAT(r.error_message, Catch::Contains("decompress to more than"));
  CHECK(log->log_end_offset() == 0);
}

TEST_CASE("compressed records are checked against the timestamp bounds", "[compression]") {
  LogFixture f;
  f.topic.set("message.timestamp.after.max.ms", "1000");
  auto log = f.open();
  std::vector<sdk::Record> rs{{"a", "x", {}, *f.time.now}, {"b", "y", {}, *f.time.now + 60'000}};
  auto r = append(*log, compressed_batch(Codec::kZstd, sdk::build_batch(rs)));
  CHECK(r.error == sdk::ErrorCode::kInvalidTimestamp);
  REQUIRE(r.record_errors.size() == 1);
  CHECK(r.record_errors[0].batch_index == 1);
  rs[1].timestamp = *f.time.now + 10;
  CHECK(append(*log, compressed_batch(Codec::kLz4, sdk::build_batch(rs))).error ==
        sdk::ErrorCode::kNone);
}

TEST_CASE("a compressed control batch yields its marker", "[compression]") {
  sdk::BatchBuildOptions o;
  o.control = true;
  o.transactional = true;
  o.producer_id = 7;
  o.producer_epoch = 0;
  std::vector<sdk::Record> marker{sdk::make_control_record(sdk::ControlRecordType::kCommit, 1, 5)};
  auto bytes = compressed_batch(Codec::kGzip, sdk::build_batch(marker, o));
  auto prepared = prepare(bytes);
  REQUIRE(prepared.ok());
  CHECK(prepared.batches.at(0).marker == sdk::ControlRecordType::kCommit);
}

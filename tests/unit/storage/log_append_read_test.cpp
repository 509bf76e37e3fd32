// Appending and reading a partition log: offsets, segment rolls, index lookups,
// read limits, rejected requests, concurrent readers.
#include <catch2/catch.hpp>
#include <random>
#include <thread>

#include "storage_test_support.h"

using namespace skiff;
using namespace skiff::storage;
using namespace skiff::storage::test;

TEST_CASE("appended batches read back with assigned offsets", "[log]") {
  LogFixture f;
  auto log = f.open();
  auto r1 = append(*log, batch(3), 7);
  auto r2 = append(*log, batch(2), 7);
  REQUIRE(r1.error == sdk::ErrorCode::kNone);
  CHECK(r1.base_offset == 0);
  CHECK(r1.last_offset == 2);
  CHECK(r2.base_offset == 3);
  CHECK(r2.last_offset == 4);
  CHECK(r2.log_append_time_ms == -1);
  CHECK(log->log_end_offset() == 5);
  CHECK(log->high_watermark() == 0);
  log->set_high_watermark(5);
  CHECK(log->high_watermark() == 5);
  CHECK(log->last_stable_offset() == 5);

  auto read = read_from(*log, 0);
  REQUIRE(read.error == sdk::ErrorCode::kNone);
  auto headers = read_headers(read);
  REQUIRE(headers.size() == 2);
  CHECK(headers[0].base_offset == 0);
  CHECK(headers[1].base_offset == 3);
  CHECK(headers[0].partition_leader_epoch == 7);
  CHECK(read.total_bytes == slice_bytes(read).size());

  // The record bodies are untouched.
  auto bytes = slice_bytes(read);
  std::vector<std::string> values;
  sdk::for_each_record(
      std::span<const uint8_t>(bytes.data(), headers[0].size_in_bytes()),
      [&](const sdk::RecordView& r) { values.emplace_back(r.value->begin(), r.value->end()); });
  CHECK(values == std::vector<std::string>{"v0", "v1", "v2"});
}

TEST_CASE("a read inside a batch starts at the batch", "[log]") {
  LogFixture f;
  auto log = f.open();
  append(*log, batch(3));
  append(*log, batch(3));
  auto headers = read_headers(read_from(*log, 4));
  REQUIRE(headers.size() == 1);
  CHECK(headers[0].base_offset == 3);
}

TEST_CASE("reads outside the log are out of range; at the end they are empty", "[log]") {
  LogFixture f;
  auto log = f.open();
  append(*log, batch(2));
  CHECK(read_from(*log, 3).error == sdk::ErrorCode::kOffsetOutOfRange);
  CHECK(read_from(*log, -1).error == sdk::ErrorCode::kOffsetOutOfRange);
  auto at_end = read_from(*log, 2);
  CHECK(at_end.error == sdk::ErrorCode::kNone);
  CHECK(at_end.slices.empty());
}

TEST_CASE("offsets continue across segment rolls and reads cross segments", "[log]") {
  LogFixture f;
  f.topic.set("segment.bytes", "300");
  auto log = f.open();
  std::vector<int64_t> bases;
  for (int i = 0; i < 40; ++i) {
    auto r = append(*log, batch(2, 1000 + i));
    REQUIRE(r.error == sdk::ErrorCode::kNone);
    bases.push_back(r.base_offset);
  }
  CHECK(log->log_end_offset() == 80);
  CHECK(log->segment_count() > 5);
  for (int i = 0; i < 40; ++i) CHECK(bases[i] == 2 * i);

  auto segments = log->segments();
  for (std::size_t i = 1; i < segments.size(); ++i) {
    CHECK(segments[i]->base_offset() > segments[i - 1]->base_offset());
    CHECK(std::filesystem::exists(segments[i]->log_path()));
  }
  for (int64_t offset = 0; offset < 80; ++offset) {
    auto headers = read_headers(read_from(*log, offset, 1));
    REQUIRE(headers.size() == 1);
    CHECK(headers[0].base_offset == offset - offset % 2);
  }
  auto all = read_from(*log, 0, 1 << 20);
  CHECK(all.slices.size() == segments.size());
  auto headers = read_headers(all);
  REQUIRE(headers.size() == 40);
  for (int i = 0; i < 40; ++i) CHECK(headers[i].base_offset == 2 * i);
}

TEST_CASE("the sparse index finds batches and bounds reads by bytes", "[log][index]") {
  LogFixture f;
  f.topic.set("index.interval.bytes", "100");
  auto log = f.open();
  std::size_t batch_size = batch(1).size();
  for (int i = 0; i < 200; ++i) append(*log, batch(1, 1000 + i));
  CHECK(log->segments().back()->offset_index_entries() > 10);

  for (int64_t offset : {0, 1, 57, 123, 199}) {
    auto headers = read_headers(read_from(*log, offset, static_cast<int32_t>(batch_size)));
    REQUIRE(headers.size() == 1);
    CHECK(headers[0].base_offset == offset);
  }
  // Whole batches only, as many as fit.
  auto some = read_from(*log, 10, static_cast<int32_t>(batch_size * 5 + batch_size / 2));
  auto headers = read_headers(some);
  REQUIRE(headers.size() == 5);
  CHECK(headers.front().base_offset == 10);
  CHECK(headers.back().base_offset == 14);

  // Too small for one batch: one anyway with min_one_batch, else nothing.
  CHECK(read_headers(read_from(*log, 10, 5, -1, true)).size() == 1);
  CHECK(read_from(*log, 10, 5, -1, false).slices.empty());
}

TEST_CASE("reads stop before max_offset", "[log]") {
  LogFixture f;
  auto log = f.open();
  for (int i = 0; i < 5; ++i) append(*log, batch(2));
  auto headers = read_headers(read_from(*log, 0, 1 << 20, 6));
  REQUIRE(headers.size() == 3);
  CHECK(headers.back().last_offset() == 5);
  CHECK(read_from(*log, 6, 1 << 20, 6).slices.empty());
  CHECK(read_headers(read_from(*log, 0, 1 << 20, 5)).size() == 2);
}

TEST_CASE("a request with one bad batch writes nothing", "[log]") {
  LogFixture f;
  f.topic.set("max.message.bytes", "200");
  auto log = f.open();
  append(*log, batch(1));

  auto good = batch(1);
  auto bad = batch(1);
  bad.back() ^= 0xFF;
  std::vector<uint8_t> request = good;
  request.insert(request.end(), bad.begin(), bad.end());
  auto r = append(*log, request);
  CHECK(r.error == sdk::ErrorCode::kCorruptMessage);
  CHECK(log->log_end_offset() == 1);

  auto framing = batch(2);
  framing[sdk::batch::kHeaderSize] += 2;
  sdk::update_crc(framing);
  r = append(*log, framing);
  CHECK(r.error == sdk::ErrorCode::kInvalidRecord);
  CHECK_FALSE(r.record_errors.empty());

  r = append(*log, batch(20));
  CHECK(r.error == sdk::ErrorCode::kMessageTooLarge);

  std::vector<uint8_t> garbage(30, 0xAB);
  CHECK(append(*log, garbage).error == sdk::ErrorCode::kCorruptMessage);
  CHECK(log->log_end_offset() == 1);
  CHECK(log->size_bytes() == good.size());
}

TEST_CASE("readers run while a writer appends", "[log][concurrency]") {
  LogFixture f;
  f.topic.set("segment.bytes", "4000");
  f.topic.set("index.interval.bytes", "200");
  auto log = f.open();
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::thread writer([&] {
    for (int i = 0; i < 500; ++i) {
      if (append(*log, batch(3, i)).error != sdk::ErrorCode::kNone) ++bad;
    }
    done = true;
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&, t] {
      int64_t next = 0;
      while (!done || next < log->log_end_offset()) {
        auto r = read_from(*log, next, 2000 + 500 * t);
        if (r.error != sdk::ErrorCode::kNone) {
          ++bad;
          break;
        }
        try {
          for (const auto& h : read_headers(r)) {
            if (h.base_offset != next - (next % 3) && h.base_offset != next) ++bad;
            next = h.last_offset() + 1;
          }
        } catch (const std::exception&) {
          ++bad;
          break;
        }
      }
    });
  }
  writer.join();
  for (auto& r : readers) r.join();
  CHECK(bad == 0);
  CHECK(log->log_end_offset() == 1500);
}

TEST_CASE("size and segment count follow the data", "[log]") {
  LogFixture f;
  auto log = f.open();
  CHECK(log->size_bytes() == 0);
  CHECK(log->segment_count() == 1);
  auto b = batch(4);
  append(*log, b);
  CHECK(log->size_bytes() == b.size());
  log->roll();
  CHECK(log->segment_count() == 2);
  log->roll();  // an empty active segment does not roll again
  CHECK(log->segment_count() == 2);
  CHECK(std::filesystem::exists(f.dir() / "00000000000000000004.log"));
  CHECK(std::filesystem::exists(f.dir() / "00000000000000000004.snapshot"));
}

TEST_CASE("readers keep working while retention and DeleteRecords remove data",
          "[log][concurrency]") {
  LogFixture f;
  f.topic.set("segment.bytes", "1000");
  f.topic.set("retention.bytes", "3000");
  auto log = f.open();
  std::atomic<bool> done{false};
  std::atomic<int> bad{0};
  std::thread writer([&] {
    for (int i = 0; i < 400; ++i) {
      if (append(*log, batch(2, i)).error != sdk::ErrorCode::kNone) ++bad;
      log->set_high_watermark(log->log_end_offset());
      if (i % 25 == 0) log->enforce_retention();
      if (i % 60 == 0) log->delete_records_before(log->log_end_offset() - 10);
    }
    done = true;
  });
  std::thread reader([&] {
    int64_t next = 0;
    while (!done) {
      auto r = read_from(*log, next, 1500);
      if (r.error == sdk::ErrorCode::kOffsetOutOfRange) {
        next = log->log_start_offset();
        continue;
      }
      if (r.error != sdk::ErrorCode::kNone) {
        ++bad;
        break;
      }
      try {
        for (const auto& h : read_headers(r)) {
          if (h.last_offset() < next) ++bad;
          next = h.last_offset() + 1;
        }
      } catch (const std::exception&) {
        ++bad;
        break;
      }
    }
  });
  writer.join();
  reader.join();
  CHECK(bad == 0);
  CHECK(log->log_end_offset() == 800);
  CHECK(log->size_bytes() <= 3000 + 1000);
}

TEST_CASE("damaged requests never crash an append and never write", "[log][fuzz]") {
  LogFixture f;
  auto log = f.open();
  std::mt19937 rng(11);
  auto good = batch(4);
  int64_t accepted = 0;
  for (int round = 0; round < 2000; ++round) {
    auto bytes = good;
    bytes[rng() % bytes.size()] = static_cast<uint8_t>(rng());
    if (rng() % 2 == 0) sdk::update_crc(bytes);
    auto r = append(*log, bytes);
    if (r.error == sdk::ErrorCode::kNone) accepted += r.last_offset - r.base_offset + 1;
  }
  CHECK(log->log_end_offset() == accepted);
  auto all = read_from(*log, 0, INT32_MAX);
  int64_t next = 0;
  for (const auto& h : read_headers(all)) {
    CHECK(h.base_offset == next);
    next = h.last_offset() + 1;
  }
  CHECK(next == accepted);
}

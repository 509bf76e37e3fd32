// Direct (O_DIRECT) appends, log.direct.write.min.bytes: whatever mix of direct and
// buffered writes a log sees, it reads back and leaves on disk exactly what a log
// written only through the page cache does, and a crash loses nothing appended.
#include <catch2/catch.hpp>
#include <map>

#include "direct_appender.h"
#include "storage_test_support.h"

using namespace skiff;
using namespace skiff::storage;
using namespace skiff::storage::test;

namespace {

// A batch of `count` records whose values are `value_bytes` long (sizes that end at
// every position within a 4 KiB block).
std::vector<uint8_t> sized_batch(int count, std::size_t value_bytes, int64_t ts) {
  std::vector<sdk::Record> records;
  for (int i = 0; i < count; ++i) {
    std::string value(value_bytes, static_cast<char>('a' + (i + ts) % 26));
    records.push_back({"k" + std::to_string(i), value, {}, ts + i});
  }
  return sdk::build_batch(records);
}

// Every .log file of a partition directory: name -> contents.
std::map<std::string, std::vector<uint8_t>> log_files(const std::filesystem::path& dir) {
  std::map<std::string, std::vector<uint8_t>> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".log") continue;
    auto file = File::open(e.path(), File::Mode::kRead);
    std::vector<uint8_t> bytes(file->size());
    file->read_exact(0, bytes.data(), bytes.size());
    out[e.path().filename().string()] = std::move(bytes);
  }
  return out;
}

// The same appends (sizes from tiny to several MiB, one truncation) on `log`.
void append_script(Log& log) {
  int64_t ts = 1000;
  const std::size_t sizes[] = {10, 4000, 4096, 5, 70'000, 300, 1 << 20, 17, 3'000'000, 1};
  for (std::size_t value_bytes : sizes) {
    REQUIRE(append(log, sized_batch(3, value_bytes, ts)).error == sdk::ErrorCode::kNone);
    ts += 3;
  }
  log.truncate_to(log.log_end_offset() - 6);  // the last two appends
  for (int i = 0; i < 5; ++i) {
    REQUIRE(append(log, sized_batch(2, 999 + 1500 * i, ts)).error == sdk::ErrorCode::kNone);
    ts += 2;
  }
}

std::vector<uint8_t> everything(Log& log) {
  std::vector<uint8_t> out;
  int64_t offset = 0;
  while (offset < log.log_end_offset()) {
    auto r = read_from(log, offset, 64 << 20);
    REQUIRE(r.error == sdk::ErrorCode::kNone);
    auto bytes = slice_bytes(r);
    REQUIRE(!bytes.empty());
    out.insert(out.end(), bytes.begin(), bytes.end());
    offset = read_headers(r).back().last_offset() + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("direct, buffered and mixed writes leave identical logs", "[log][direct]") {
  // -1: buffered only; 0: every append direct; 8192: small ones buffered, large direct.
  auto threshold = GENERATE(0, 8192);
  LogFixture buffered;
  LogFixture direct;
  direct.direct_write_min_bytes = threshold;
  for (auto* f : {&buffered, &direct}) {
    f->topic.set("segment.bytes", "2500000");
    f->topic.set("max.message.bytes", "16777216");  // a 9 MB batch, several direct chunks
  }

  auto plain = buffered.open();
  auto fast = direct.open();
  append_script(*plain);
  append_script(*fast);
  CHECK(fast->segment_count() > 1);  // rolls happened between direct writes
  CHECK(fast->log_end_offset() == plain->log_end_offset());
  const auto contents = everything(*plain);
  CHECK(everything(*fast) == contents);

  plain->close();
  fast->close();
  auto expected = log_files(buffered.dir());
  auto actual = log_files(direct.dir());
  REQUIRE(actual.size() == expected.size());
  for (const auto& [name, bytes] : expected) {
    INFO(name);
    CHECK(actual[name].size() == bytes.size());  // no padding left after close
    CHECK(actual[name] == bytes);
  }

  auto reopened = direct.open();
  CHECK_FALSE(direct.logger.heard("recovered after an unclean shutdown"));
  CHECK(everything(*reopened) == contents);
}

TEST_CASE("a crash after direct writes loses no appended batch", "[log][direct][recovery]") {
  LogFixture f;
  f.direct_write_min_bytes = 0;
  std::vector<uint8_t> before_crash;
  uint64_t log_bytes = 0;
  {
    auto log = f.open();
    for (int i = 0; i < 7; ++i) append(*log, sized_batch(2, 333 * i + 1, 100 + i));
    before_crash = everything(*log);
    log_bytes = log->size_bytes();
    // No close(): the process "crashed" with the file zero-padded past the log.
  }
  auto file = last_log_file(f.dir());
  CHECK(std::filesystem::file_size(file) % DirectAppender::kBlockBytes == 0);
  CHECK(std::filesystem::file_size(file) > log_bytes);

  auto log = f.open();
  CHECK(f.logger.heard("recovered after an unclean shutdown"));
  CHECK(log->log_end_offset() == 14);
  CHECK(std::filesystem::file_size(file) == log_bytes);  // the padding is cut
  CHECK(everything(*log) == before_crash);
  CHECK(append(*log, sized_batch(1, 10, 200)).base_offset == 14);
  CHECK(read_headers(read_from(*log, 14)).size() == 1);
}

TEST_CASE("direct appends are readable as soon as they are acknowledged", "[log][direct]") {
  LogFixture f;
  f.direct_write_min_bytes = 0;
  auto log = f.open();
  for (int i = 0; i < 50; ++i) {
    auto bytes = sized_batch(1, 100 + 97 * i, i);
    auto r = append(*log, bytes);
    REQUIRE(r.error == sdk::ErrorCode::kNone);
    auto read = slice_bytes(read_from(*log, r.base_offset));
    // The stored batch differs from the produced one only in its base offset and
    // leader epoch (bytes 0-7 and 12-15).
    REQUIRE(read.size() == bytes.size());
    CHECK(std::equal(read.begin() + 16, read.end(), bytes.begin() + 16));
  }
}

// Log::tend_active_segment(), the storage engine's periodic background disk work:
// blocks are allocated ahead of a segment that grows fast (and only then), the file
// keeps the size of its data, and what a segment allocated past its end is freed
// after it rolls (or on close).
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "file.h"
#include "storage_test_support.h"

using namespace skiff;
using namespace skiff::storage;
using namespace skiff::storage::test;

namespace {

constexpr uint64_t kMiB = 1 << 20;
constexpr std::size_t kValueBytes = 900 * 1024;  // under max.message.bytes

// Bytes of disk the file occupies (st_blocks), not its size.
uint64_t allocated_bytes(const std::filesystem::path& file) {
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  return static_cast<uint64_t>(st.st_blocks) * 512;
}

std::vector<uint8_t> batch_of(std::size_t value_bytes, int64_t ts) {
  const std::vector<sdk::Record> records{{"k", std::string(value_bytes, 'v'), {}, ts}};
  return sdk::build_batch(records);
}

// Whether this file system allocates with fallocate(KEEP_SIZE) at all.
bool file_system_preallocates(const std::filesystem::path& dir) {
  auto probe = File::open(dir / "probe", File::Mode::kCreate);
  const bool ok = probe->preallocate(0, kMiB) == 0;
  std::filesystem::remove(dir / "probe");
  return ok;
}

}  // namespace

TEST_CASE("tend allocates blocks ahead of a fast segment, and frees them once it rolls",
          "[log][tend]") {
  LogFixture f;
  f.topic.set("segment.bytes", std::to_string(512 * kMiB));
  auto log = f.open();
  REQUIRE(file_system_preallocates(f.dir()));
  log->tend_active_segment();  // the starting point of the growth tend measures

  for (int i = 0; i < 6; ++i) {
    REQUIRE(append(*log, batch_of(kValueBytes, i)).error == sdk::ErrorCode::kNone);
  }
  log->tend_active_segment();
  const auto active = last_log_file(f.dir());
  const uint64_t size = log->size_bytes();
  CHECK(std::filesystem::file_size(active) == size);  // the size stays the data's
  CHECK(allocated_bytes(active) >= size + 16 * kMiB);

  // Appended data reads back, also into the allocated range.
  REQUIRE(append(*log, batch_of(100, 7)).error == sdk::ErrorCode::kNone);
  CHECK(read_headers(read_from(*log, 6)).size() == 1);

  log->roll();
  CHECK(allocated_bytes(active) >= size + 16 * kMiB);  // not on the appending thread
  log->tend_active_segment();
  CHECK(allocated_bytes(active) < std::filesystem::file_size(active) + kMiB);
  CHECK(std::filesystem::file_size(active) == log->size_bytes());  // the new segment is empty
}

TEST_CASE("tend allocates nothing ahead of a slow segment", "[log][tend]") {
  LogFixture f;
  auto log = f.open();
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 3; ++i) append(*log, batch_of(256 * 1024, round * 3 + i));
    log->tend_active_segment();
  }
  const auto active = last_log_file(f.dir());
  CHECK(allocated_bytes(active) < std::filesystem::file_size(active) + kMiB);
}

TEST_CASE("a log closed with blocks allocated ahead reopens with exactly its data",
          "[log][tend]") {
  LogFixture f;
  std::vector<uint8_t> contents;
  {
    auto log = f.open();
    log->tend_active_segment();
    for (int i = 0; i < 6; ++i) append(*log, batch_of(kValueBytes, i));
    log->tend_active_segment();
    contents = slice_bytes(read_from(*log, 0, 64 << 20));
    log->close();
  }
  const auto file = last_log_file(f.dir());
  CHECK(allocated_bytes(file) < std::filesystem::file_size(file) + kMiB);
  auto log = f.open();
  CHECK_FALSE(f.logger.heard("recovered after an unclean shutdown"));
  CHECK(log->log_end_offset() == 6);
  CHECK(slice_bytes(read_from(*log, 0, 64 << 20)) == contents);
}

TEST_CASE("a rolled segment that takes appends again after a truncation keeps them",
          "[log][tend]") {
  LogFixture f;
  auto log = f.open();
  log->tend_active_segment();
  for (int i = 0; i < 6; ++i) append(*log, batch_of(kValueBytes, i));
  log->tend_active_segment();  // blocks allocated ahead
  log->roll();                 // queued for freeing by the next pass
  log->truncate_to(3);         // the rolled segment is the last one again
  for (int i = 0; i < 2; ++i) {
    REQUIRE(append(*log, batch_of(100, 10 + i)).error == sdk::ErrorCode::kNone);
  }
  log->tend_active_segment();  // must not cut what was appended after the roll
  CHECK(log->log_end_offset() == 5);
  const auto file = last_log_file(f.dir());
  CHECK(std::filesystem::file_size(file) == log->size_bytes());
  CHECK(read_headers(read_from(*log, 3)).size() == 2);
}

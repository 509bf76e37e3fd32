// Log::tend_active_segment(), the storage engine's periodic background disk work:
// a partition that grows fast gets its next segment made ahead with its blocks
// allocated (and only then), a first segment that was not made ahead rolls early
// onto it, files keep the size of their data, and blocks allocated past a
// segment's end are freed after it rolls (or on close).
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "file.h"
#include "log_layout.h"
#include "spare_segment.h"
#include "tend_queue.h"
#include "storage_test_support.h"

using namespace skiff;
using namespace skiff::storage;
using namespace skiff::storage::test;

namespace {

constexpr uint64_t kMiB = 1 << 20;
constexpr uint64_t kSegmentBytes = 128 * kMiB;
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

// Appends about 5.3 MiB: more than a tend pass counts as fast growth.
void append_fast(Log& log, int64_t first_ts) {
  for (int i = 0; i < 6; ++i) {
    REQUIRE(append(log, batch_of(kValueBytes, first_ts + i)).error == sdk::ErrorCode::kNone);
  }
}

std::filesystem::path spare_file(const LogFixture& f) { return f.dir() / layout::kSpareSegmentFile; }

// A log (segment.bytes kSegmentBytes) whose first 6 records rolled early onto a
// segment made ahead and whose next 6 are on it; with `next_spare`, a tend pass
// has made the segment after ahead too.
std::shared_ptr<Log> open_fast_log(LogFixture& f, bool next_spare = true) {
  f.topic.set("segment.bytes", std::to_string(kSegmentBytes));
  auto log = f.open();
  log->tend_active_segment();  // the starting point of the growth tend measures
  append_fast(*log, 0);
  log->tend_active_segment();  // rolls onto the spare
  append_fast(*log, 6);
  if (next_spare) log->tend_active_segment();
  return log;
}

// Whether this file system allocates with fallocate(KEEP_SIZE) at all.
bool file_system_preallocates(const std::filesystem::path& dir) {
  auto probe = File::open(dir / "probe", File::Mode::kCreate);
  const bool ok = probe->preallocate(0, kMiB) == 0;
  std::filesystem::remove(dir / "probe");
  return ok;
}

}  // namespace

TEST_CASE("a fast partition rolls onto a segment made ahead, and the next is made ahead too",
          "[log][tend]") {
  LogFixture f;
  f.topic.set("segment.bytes", std::to_string(kSegmentBytes));
  auto log = f.open();
  REQUIRE(file_system_preallocates(f.dir()));
  log->tend_active_segment();  // the starting point of the growth tend measures

  append_fast(*log, 0);
  const auto first = last_log_file(f.dir());
  log->tend_active_segment();
  // The first segment was not made ahead: rolled early onto the spare.
  REQUIRE(log->segment_count() == 2);
  const auto second = last_log_file(f.dir());
  CHECK(second != first);
  CHECK(std::filesystem::file_size(second) == 0);  // the size stays the data's
  CHECK(allocated_bytes(second) >= kSegmentBytes);
  CHECK_FALSE(std::filesystem::exists(spare_file(f)));  // renamed into place
  CHECK(std::filesystem::file_size(first) + std::filesystem::file_size(second) ==
        log->size_bytes());

  // Appended data reads back from the allocated range.
  append_fast(*log, 6);
  CHECK(read_headers(read_from(*log, 6, 64 << 20)).size() == 6);
  CHECK(std::filesystem::file_size(second) == log->size_bytes() - std::filesystem::file_size(first));

  // Still fast: the next segment is made ahead; this one, made ahead, does not roll.
  log->tend_active_segment();
  CHECK(log->segment_count() == 2);
  REQUIRE(std::filesystem::exists(spare_file(f)));
  CHECK(std::filesystem::file_size(spare_file(f)) == 0);
  CHECK(allocated_bytes(spare_file(f)) >= kSegmentBytes);

  log->roll();
  CHECK(allocated_bytes(last_log_file(f.dir())) >= kSegmentBytes);
  CHECK_FALSE(std::filesystem::exists(spare_file(f)));
  CHECK(allocated_bytes(second) >= kSegmentBytes);  // not freed on the appending thread
  log->tend_active_segment();
  CHECK(allocated_bytes(second) < std::filesystem::file_size(second) + kMiB);
}

TEST_CASE("a fast segment about to fill up is rolled by the tend pass, a slow one is not",
          "[log][tend]") {
  LogFixture f;
  f.topic.set("segment.bytes", std::to_string(12 * kMiB));
  auto log = f.open();
  log->tend_active_segment();
  append_fast(*log, 0);  // 5.3 MiB: full within two more such passes
  log->tend_active_segment();
  REQUIRE(log->segment_count() == 2);
  CHECK(log->segments().front()->size() < 12 * kMiB);
  CHECK(log->segments().back()->size() == 0);

  // Slow growth near the limit: the append that does not fit rolls, as before.
  for (int i = 0; i < 3; ++i) {
    REQUIRE(append(*log, batch_of(kValueBytes, 10 + i)).error == sdk::ErrorCode::kNone);
    log->tend_active_segment();
  }
  CHECK(log->segment_count() == 2);
  CHECK(read_headers(read_from(*log, 0, 64 << 20)).size() == 9);
}

TEST_CASE("a slow partition gets no segment made ahead", "[log][tend]") {
  LogFixture f;
  auto log = f.open();
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 3; ++i) append(*log, batch_of(256 * 1024, round * 3 + i));
    log->tend_active_segment();
  }
  CHECK(log->segment_count() == 1);
  CHECK_FALSE(std::filesystem::exists(spare_file(f)));
  const auto active = last_log_file(f.dir());
  CHECK(allocated_bytes(active) < std::filesystem::file_size(active) + kMiB);
}

TEST_CASE("with preallocate, a slow partition also gets its next segment made ahead, and keeps it",
          "[log][tend]") {
  LogFixture f;
  f.topic.set("segment.bytes", std::to_string(kSegmentBytes));
  f.topic.set("preallocate", "true");
  auto log = f.open();
  REQUIRE(file_system_preallocates(f.dir()));
  append(*log, batch_of(1000, 0));
  log->tend_active_segment();  // made ahead, and the first segment moves onto it
  REQUIRE(log->segment_count() == 2);
  CHECK(allocated_bytes(last_log_file(f.dir())) >= kSegmentBytes);
  append(*log, batch_of(1000, 1));
  log->tend_active_segment();  // the next one
  CHECK(allocated_bytes(spare_file(f)) >= kSegmentBytes);
  CHECK(log->segment_count() == 2);
  CHECK(read_headers(read_from(*log, 0, 64 << 20)).size() == 2);
  f.time.advance(3'600'000);  // however long it stays slow
  log->release_idle_spare();
  CHECK(std::filesystem::exists(spare_file(f)));
}

TEST_CASE("the spare of a partition that stopped appending fast is released", "[log][tend]") {
  LogFixture f;
  auto log = open_fast_log(f);
  REQUIRE(std::filesystem::exists(spare_file(f)));

  f.time.advance(29'000);
  log->release_idle_spare();
  CHECK(std::filesystem::exists(spare_file(f)));  // not idle long enough
  f.time.advance(2'000);
  log->release_idle_spare();
  CHECK_FALSE(std::filesystem::exists(spare_file(f)));

  append_fast(*log, 12);  // fast again: made again
  log->tend_active_segment();
  CHECK(std::filesystem::exists(spare_file(f)));
}

TEST_CASE("a log closed with blocks allocated ahead reopens with exactly its data, and no spare",
          "[log][tend]") {
  LogFixture f;
  std::vector<uint8_t> contents;
  {
    auto log = open_fast_log(f);
    REQUIRE(std::filesystem::exists(spare_file(f)));
    contents = slice_bytes(read_from(*log, 0, 64 << 20));
    log->close();
  }
  CHECK_FALSE(std::filesystem::exists(spare_file(f)));
  const auto file = last_log_file(f.dir());
  CHECK(allocated_bytes(file) < std::filesystem::file_size(file) + kMiB);
  auto log = f.open();
  CHECK_FALSE(f.logger.heard("recovered after an unclean shutdown"));
  CHECK(log->log_end_offset() == 12);
  CHECK(slice_bytes(read_from(*log, 0, 64 << 20)) == contents);
}

TEST_CASE("after a crash, the spare is removed and the blocks allocated ahead are freed on load",
          "[log][tend]") {
  LogFixture f;
  std::vector<uint8_t> contents;
  {
    auto log = open_fast_log(f);
    log->flush();
    contents = slice_bytes(read_from(*log, 0, 64 << 20));
  }  // no close: as after kill -9 (which would also leave the spare behind:)
  File::open(spare_file(f), File::Mode::kCreate)->preallocate(0, kMiB);
  const auto active = last_log_file(f.dir());
  REQUIRE(allocated_bytes(active) >= kSegmentBytes);
  auto log = f.open();
  CHECK(f.logger.heard("recovered after an unclean shutdown"));
  CHECK_FALSE(std::filesystem::exists(spare_file(f)));
  CHECK(allocated_bytes(active) < std::filesystem::file_size(active) + kMiB);
  CHECK(log->log_end_offset() == 12);
  CHECK(slice_bytes(read_from(*log, 0, 64 << 20)) == contents);
}

TEST_CASE("a rolled segment that takes appends again after a truncation keeps them",
          "[log][tend]") {
  LogFixture f;
  auto log = open_fast_log(f, /*next_spare=*/false);  // on a segment with blocks ahead
  log->roll();                 // queued for freeing by the next pass
  log->truncate_to(9);         // the rolled segment is the last one again
  for (int i = 0; i < 2; ++i) {
    REQUIRE(append(*log, batch_of(100, 20 + i)).error == sdk::ErrorCode::kNone);
  }
  log->tend_active_segment();  // must not cut what was appended after the roll
  CHECK(log->log_end_offset() == 11);
  const auto file = last_log_file(f.dir());
  CHECK(std::filesystem::file_size(file) == log->size_bytes() - log->segments().front()->size());
  CHECK(read_headers(read_from(*log, 9)).size() == 2);
}

TEST_CASE("only logs that appended or rolled since the last pass are queued for it, once",
          "[log][tend]") {
  TendQueue queue;
  LogFixture busy;
  busy.tend_queue = &queue;
  LogFixture idle;
  idle.tend_queue = &queue;
  auto busy_log = busy.open();
  auto idle_log = idle.open();
  CHECK(queue.take().empty());

  append(*busy_log, batch_of(100, 0));
  append(*busy_log, batch_of(100, 1));
  auto queued = queue.take();
  REQUIRE(queued.size() == 1);
  CHECK(queued.front() == busy_log);
  queued.clear();
  CHECK(queue.take().empty());  // taken

  // Still marked queued until tended: appends before the pass add nothing.
  append(*busy_log, batch_of(100, 2));
  CHECK(queue.take().empty());
  busy_log->tend_active_segment();
  append(*busy_log, batch_of(100, 3));
  CHECK(queue.take().size() == 1);
  busy_log->tend_active_segment();

  idle_log->roll();  // nothing to roll: an empty segment stays
  CHECK(queue.take().empty());
  append(*idle_log, batch_of(100, 0));
  CHECK(queue.take().size() == 1);
  idle_log->tend_active_segment();
  idle_log->roll();  // the rolled segment's excess blocks are freed by the next pass
  CHECK(queue.take().size() == 1);

  // A log gone before the pass is skipped.
  append(*busy_log, batch_of(100, 4));
  busy_log->close();
  busy_log.reset();
  CHECK(queue.take().empty());
}

TEST_CASE("no spare is made when the disk could not also hold the next segment's appends",
          "[log][tend]") {
  TempDir tmp;
  uint64_t free_bytes = 3 * kMiB;
  SpareSegment spare(tmp.path(), nullptr, [&](const std::filesystem::path&) { return free_bytes; });
  CHECK_FALSE(spare.prepare(2 * kMiB));  // would leave 1 MiB for appends
  CHECK_FALSE(std::filesystem::exists(tmp.path() / layout::kSpareSegmentFile));
  free_bytes = 64 * kMiB;
  CHECK_FALSE(spare.prepare(2 * kMiB));  // refused a moment ago: not retried at once
  SpareSegment roomy(tmp.path(), nullptr, [&](const std::filesystem::path&) { return free_bytes; });
  CHECK(roomy.prepare(2 * kMiB));
  CHECK(allocated_bytes(tmp.path() / layout::kSpareSegmentFile) >= 2 * kMiB);
  auto taken = roomy.take();
  REQUIRE(taken);
  CHECK(taken->allocated == 2 * kMiB);
  CHECK_FALSE(roomy.take());  // handed over once
}

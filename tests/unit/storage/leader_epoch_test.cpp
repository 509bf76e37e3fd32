// Leader epochs: OffsetForLeaderEpoch answers, truncation at both ends, persistence.
#include <catch2/catch.hpp>
#include <fstream>

#include "leader_epoch_cache.h"
#include "storage_test_support.h"

using namespace skiff;
using namespace skiff::storage;
using namespace skiff::storage::test;

TEST_CASE("end offsets per epoch follow Kafka's rules", "[epoch]") {
  TempDir tmp;
  LeaderEpochCache cache(tmp.path() / "leader-epoch-checkpoint");
  CHECK(cache.end_offset_for(0, 10) == EpochEntry{-1, -1});
  cache.assign(1, 0);
  cache.assign(3, 100);
  cache.assign(3, 150);  // not newer: ignored
  cache.assign(2, 120);  // older: ignored
  cache.assign(6, 200);
  CHECK(cache.entries() == std::vector<EpochEntry>{{1, 0}, {3, 100}, {6, 200}});
  CHECK(cache.end_offset_for(6, 250) == EpochEntry{6, 250});
  CHECK(cache.end_offset_for(3, 250) == EpochEntry{3, 200});
  CHECK(cache.end_offset_for(4, 250) == EpochEntry{3, 200});
  CHECK(cache.end_offset_for(1, 250) == EpochEntry{1, 100});
  CHECK(cache.end_offset_for(0, 250) == EpochEntry{0, 0});
  CHECK(cache.end_offset_for(7, 250) == EpochEntry{-1, -1});

  LeaderEpochCache reloaded(tmp.path() / "leader-epoch-checkpoint");
  reloaded.load();
  CHECK(reloaded.entries() == cache.entries());

  reloaded.truncate_from_end(150);
  CHECK(reloaded.entries() == std::vector<EpochEntry>{{1, 0}, {3, 100}});
  reloaded.truncate_from_start(120);
  CHECK(reloaded.entries() == std::vector<EpochEntry>{{3, 120}});
}

TEST_CASE("a damaged epoch checkpoint is reported", "[epoch]") {
  TempDir tmp;
  auto path = tmp.path() / "leader-epoch-checkpoint";
  std::ofstream(path) << "0\n2\n5 10\n";
  LeaderEpochCache cache(path);
  CHECK_THROWS_AS(cache.load(), StorageError);
}

TEST_CASE("the log records epochs as it appends", "[epoch][log]") {
  LogFixture f;
  {
    auto log = f.open();
    append(*log, batch(3), 1);
    append(*log, batch(2), 1);
    append(*log, batch(4), 4);
    auto e = log->end_offset_for_epoch(2);
    CHECK(e.leader_epoch == 1);
    CHECK(e.offset == 5);
    CHECK(log->end_offset_for_epoch(4).offset == 9);
    log->close();
  }
  auto log = f.open();
  CHECK(log->end_offset_for_epoch(1).offset == 5);
  log->truncate_to(4);
  CHECK(log->end_offset_for_epoch(1).offset == 3);
  CHECK(log->end_offset_for_epoch(4).leader_epoch == -1);
}

TEST_CASE("a lost epoch checkpoint is rebuilt from the batch headers", "[epoch][log]") {
  LogFixture f;
  f.topic.set("segment.bytes", "300");
  bool clean = GENERATE(true, false);
  {
    auto log = f.open();
    for (int i = 0; i < 6; ++i) append(*log, batch(2), 1);
    for (int i = 0; i < 6; ++i) append(*log, batch(2), 4);
    if (clean) log->close();
  }
  std::filesystem::remove(f.dir() / "leader-epoch-checkpoint");
  auto log = f.open();
  CHECK(log->end_offset_for_epoch(1).offset == 12);
  CHECK(log->end_offset_for_epoch(3).leader_epoch == 1);
  CHECK(log->end_offset_for_epoch(4).offset == 24);
  CHECK(std::filesystem::exists(f.dir() / "leader-epoch-checkpoint"));
}

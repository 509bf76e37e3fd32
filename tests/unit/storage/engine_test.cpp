// The storage engine: broker config, log directories, placement, deletion, disk
// usage, clean shutdown, and the declared config keys.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>

#include "config_keys.h"
#include "engine_config.h"
#include "log_layout.h"
#include "storage_engine.h"
#include "storage_test_support.h"

using namespace skiff;
using namespace skiff::storage;
using namespace skiff::storage::test;

namespace {

struct EngineFixture {
  TempDir tmp;
  CaptureLogger logger;
  MapConfig topic;

  EngineConfig config(int dirs = 1) const {
    MapConfig broker;
    std::string list;
    for (int i = 0; i < dirs; ++i)
      list += (i ? "," : "") + (tmp.path() / ("d" + std::to_string(i))).string();
    broker.set("log.dirs", list);
    return EngineConfig::from(broker);
  }
};

class KeyRecorder final : public sdk::ConfigSchema {
 public:
  void define(sdk::ConfigKey key) override { keys.push_back(std::move(key)); }
  std::vector<sdk::ConfigKey> keys;
};

}  // namespace

TEST_CASE("broker config follows Kafka's names and precedence", "[engine][config]") {
  MapConfig broker{{"log.dir", "/data/one"},
                   {"log.retention.hours", "2"},
                   {"log.roll.hours", "3"},
                   {"log.segment.bytes", "1000"},
                   {"log.flush.interval.messages", "10"},
                   {"log.flush.on.append", "true"},
                   {"num.recovery.threads.per.data.dir", "4"}};
  auto c = EngineConfig::from(broker);
  CHECK(c.log_dirs == std::vector<std::filesystem::path>{"/data/one"});
  CHECK(c.defaults.retention_ms == 2 * 3600000);
  CHECK(c.defaults.segment_ms == 3 * 3600000);
  CHECK(c.defaults.segment_bytes == 1000);
  CHECK(c.defaults.flush_messages == 10);
  CHECK(c.flush_on_append);
  CHECK(c.recovery_threads_per_dir == 4);

  broker.set("log.dirs", "/a, /b");
  broker.set("log.retention.minutes", "5");
  broker.set("log.roll.ms", "777");
  c = EngineConfig::from(broker);
  CHECK(c.log_dirs == std::vector<std::filesystem::path>{"/a", "/b"});
  CHECK(c.defaults.retention_ms == 5 * 60000);
  CHECK(c.defaults.segment_ms == 777);
  broker.set("log.retention.ms", "-1");
  CHECK(EngineConfig::from(broker).defaults.retention_ms == -1);

  // Topic keys override; bad values fall back.
  MapConfig topic{
      {"retention.ms", "123"}, {"segment.bytes", "oops"}, {"cleanup.policy", "compact"}};
  auto t = LogConfig::from(topic, c.defaults);
  CHECK(t.retention_ms == 123);
  CHECK(t.segment_bytes == 1000);
  CHECK(t.compact);
  CHECK_FALSE(t.delete_retention);
}

TEST_CASE("every documented key is declared", "[engine][config]") {
  KeyRecorder recorder;
  keys::declare(recorder);
  std::set<std::string> names;
  for (const auto& k : recorder.keys) {
    names.insert(k.name);
    CHECK_FALSE(k.doc.empty());
  }
  for (auto expected :
       {"log.dirs", "log.dir", "log.segment.bytes", "log.roll.ms", "log.roll.hours",
        "log.retention.ms", "log.retention.minutes", "log.retention.hours", "log.retention.bytes",
        "log.retention.check.interval.ms", "log.flush.interval.messages", "log.flush.interval.ms",
        "log.flush.scheduler.interval.ms", "log.index.size.max.bytes", "log.index.interval.bytes",
        "num.recovery.threads.per.data.dir", "log.flush.on.append"}) {
    CHECK(names.count(expected) == 1);
  }
}

TEST_CASE("the engine opens, lists, describes and removes partitions", "[engine]") {
  EngineFixture f;
  LogStorageEngine engine(f.config(), f.logger);
  auto log = engine.open({"orders", 3}, f.topic);
  REQUIRE(log);
  CHECK(engine.open({"orders", 3}, f.topic) == log);
  append(*log, batch(5));

  auto dir = f.tmp.path() / "d0" / "orders-3";
  CHECK(std::filesystem::exists(dir / "00000000000000000000.log"));
  CHECK(std::filesystem::exists(dir / "partition.metadata"));
  CHECK(engine.stored_partitions() == std::vector<sdk::TopicPartition>{{"orders", 3}});

  auto dirs = engine.describe_log_dirs();
  REQUIRE(dirs.size() == 1);
  CHECK(dirs[0].error == sdk::ErrorCode::kNone);
  CHECK(dirs[0].total_bytes > 0);
  CHECK(dirs[0].usable_bytes > 0);
  REQUIRE(dirs[0].partitions.size() == 1);
  CHECK(dirs[0].partitions[0].size_bytes == log->size_bytes());

  engine.remove({"orders", 3});
  CHECK_FALSE(std::filesystem::exists(dir));
  CHECK(engine.stored_partitions().empty());
  for (const auto& e : std::filesystem::directory_iterator(f.tmp.path() / "d0")) {
    FAIL("left behind: " << e.path());
  }
  CHECK(append(*log, batch(1)).error == sdk::ErrorCode::kKafkaStorageError);
}

TEST_CASE("new partitions go to the directory holding the fewest", "[engine]") {
  EngineFixture f;
  LogStorageEngine engine(f.config(2), f.logger);
  for (int p = 0; p < 6; ++p) engine.open({"t", p}, f.topic);
  auto dirs = engine.describe_log_dirs();
  REQUIRE(dirs.size() == 2);
  CHECK(dirs[0].partitions.size() == 3);
  CHECK(dirs[1].partitions.size() == 3);
}

TEST_CASE("names that cannot be directories are refused", "[engine]") {
  EngineFixture f;
  LogStorageEngine engine(f.config(), f.logger);
  CHECK_THROWS_AS(engine.open({"../escape", 0}, f.topic), StorageError);
  CHECK_THROWS_AS(engine.open({"a/b", 0}, f.topic), StorageError);
  CHECK_THROWS_AS(engine.open({"ok", -1}, f.topic), StorageError);
}

TEST_CASE("an unusable log directory is offline, and all offline fails", "[engine]") {
  EngineFixture f;
  std::ofstream(f.tmp.path() / "file") << "x";
  MapConfig broker{{"log.dirs", (f.tmp.path() / "file" / "sub").string() + "," +
                                    (f.tmp.path() / "good").string()}};
  LogStorageEngine engine(EngineConfig::from(broker), f.logger);
  auto dirs = engine.describe_log_dirs();
  REQUIRE(dirs.size() == 2);
  CHECK(dirs[0].error == sdk::ErrorCode::kKafkaStorageError);
  CHECK(dirs[1].error == sdk::ErrorCode::kNone);
  CHECK(engine.open({"t", 0}, f.topic));
  CHECK(f.logger.heard("offline"));

  MapConfig bad{{"log.dirs", (f.tmp.path() / "file" / "sub").string()}};
  CHECK_THROWS_WITH(LogStorageEngine(EngineConfig::from(bad), f.logger),
                    Catch::Contains("no usable log directory"));
}

TEST_CASE("a restarted engine finds its partitions and finishes deletions", "[engine]") {
  EngineFixture f;
  {
    LogStorageEngine engine(f.config(), f.logger);
    append(*engine.open({"a", 0}, f.topic), batch(3));
    append(*engine.open({"b-with-dash", 1}, f.topic), batch(2));
    engine.close_all();
    CHECK_THROWS(engine.open({"c", 0}, f.topic));
  }
  std::filesystem::create_directories(f.tmp.path() / "d0" / "old-0.123-delete");
  std::filesystem::create_directories(f.tmp.path() / "d0" / "not a partition");

  LogStorageEngine engine(f.config(), f.logger);
  auto stored = engine.stored_partitions();
  CHECK(stored == std::vector<sdk::TopicPartition>{{"a", 0}, {"b-with-dash", 1}});
  CHECK_FALSE(std::filesystem::exists(f.tmp.path() / "d0" / "old-0.123-delete"));
  auto log = engine.open({"b-with-dash", 1}, f.topic);
  CHECK(log->log_end_offset() == 2);
  CHECK_FALSE(f.logger.heard("recovered"));
}

TEST_CASE("housekeeping runs over every open log", "[engine]") {
  EngineFixture f;
  ManualClock time;
  f.topic.set("segment.bytes", "300");
  f.topic.set("retention.bytes", "0");
  f.topic.set("flush.ms", "1000");
  LogStorageEngine engine(f.config(), f.logger, time.clock());
  auto log = engine.open({"t", 0}, f.topic);
  for (int i = 0; i < 10; ++i) append(*log, batch(2));
  log->set_high_watermark(log->log_end_offset());
  engine.enforce_retention();
  CHECK(log->log_start_offset() == 20);
  time.advance(2000);
  engine.flush_if_due();
  engine.roll_if_due();
  CHECK(log->segment_count() == 1);
}

// LocalController durability: state survives close and reopen; bad stores fail
// at open with a clear message; a full store is an error, not a crash.
#include <catch2/catch.hpp>

#include <fstream>

#include "lmdb_env.h"
#include "local_controller.h"
#include "new_topic.h"
#include "temp_dir.h"

using namespace skiff::controller_local;
using skiff::sdk::ErrorCode;
using skiff::test::new_topic;

TEST_CASE("topics, configs and the cluster id survive reopen") {
  skiff::test::TempDir dir;
  std::string cluster_id;
  skiff::sdk::Uuid kept_id;
  {
    LocalController controller(dir.path(), 1);
    cluster_id = controller.cluster_id();
    kept_id = controller.create_topic(new_topic("kept", 2, 1, {{"retention.ms", "7"}}), false)
                  .second->id;
    REQUIRE(controller.create_topic(new_topic("gone"), false).first.ok());
    REQUIRE(controller.create_partitions("kept", 4, false).ok());
    REQUIRE(controller.alter_topic_configs("kept", {{"cleanup.policy", "compact"}}, false).ok());
    REQUIRE(controller.delete_topic("gone").ok());
    REQUIRE(controller.alter_broker_configs(-1, {{"log.retention.ms", "3"}}, false).ok());
  }
  LocalController controller(dir.path(), 1);
  CHECK(controller.cluster_id() == cluster_id);
  CHECK(cluster_id.size() == 22);
  REQUIRE(controller.topics().size() == 1);
  auto kept = controller.topic("kept");
  REQUIRE(kept);
  CHECK(kept->id == kept_id);
  CHECK(kept->partitions.size() == 4);
  CHECK(kept->configs == std::map<std::string, std::string>{{"cleanup.policy", "compact"},
                                                           {"retention.ms", "7"}});
  CHECK(controller.topic_by_id(kept_id)->name == "kept");
  CHECK(controller.broker_configs(-1).at("log.retention.ms") == "3");
}

TEST_CASE("each new store gets its own cluster id") {
  skiff::test::TempDir a, b;
  CHECK(LocalController(a.path(), 1).cluster_id() != LocalController(b.path(), 1).cluster_id());
}

TEST_CASE("producer id blocks never repeat, across reopen too") {
  skiff::test::TempDir dir;
  int64_t next = 0;
  {
    LocalController controller(dir.path(), 1);
    auto first = controller.allocate_producer_ids(1000);
    CHECK(first.first_id == 0);
    CHECK(first.count == 1000);
    auto second = controller.allocate_producer_ids(10);
    CHECK(second.first_id == 1000);
    CHECK(controller.allocate_producer_ids(0).count == 0);
    next = second.first_id + second.count;
  }
  LocalController controller(dir.path(), 1);
  CHECK(controller.allocate_producer_ids(5).first_id == next);
}

TEST_CASE("a store of another node id is refused") {
  skiff::test::TempDir dir;
  { LocalController controller(dir.path(), 1); }
  CHECK_THROWS_WITH(LocalController(dir.path(), 2),
                    Catch::Contains("belongs to node.id 1") && Catch::Contains(dir.path().string()));
}

TEST_CASE("a corrupted or newer-version record fails open with a clear message") {
  skiff::test::TempDir dir;
  {
    LocalController controller(dir.path(), 1);
    REQUIRE(controller.create_topic(new_topic("t"), false).first.ok());
  }
  std::string bytes;
  SECTION("unknown version") { bytes = std::string(1, '\x7f') + "whatever"; }
  SECTION("truncated") { bytes = std::string(1, '\x01') + "ab"; }
  {
    LmdbEnv env(dir.path(), LocalController::kDefaultMapSize, 8);
    LmdbTxn txn(env, LmdbTxn::Mode::kWrite);
    txn.put(txn.open_dbi("topics"), "t", bytes);
    txn.commit();
  }
  CHECK_THROWS_WITH(LocalController(dir.path(), 1),
                    Catch::Contains("corrupted metadata record topics/t") &&
                        Catch::Contains(dir.path().string()));
}

TEST_CASE("an unusable directory is an error naming the path") {
  skiff::test::TempDir dir;
  auto file = dir / "plain-file";
  { std::ofstream(file) << "x"; }
  CHECK_THROWS_WITH(LocalController(file / "sub", 1), Catch::Contains(file.string()));
}

TEST_CASE("a full store returns a storage error and keeps working state") {
  skiff::test::TempDir dir;
  // A tiny map: a few dozen pages.
  LocalController controller(dir.path(), 1, 128 * 1024);
  REQUIRE(controller.create_topic(new_topic("small"), false).first.ok());

  std::map<std::string, std::string> big;
  for (int i = 0; i < 64; ++i) big["key." + std::to_string(i)] = std::string(8000, 'v');
  auto [status, topic] = controller.create_topic(new_topic("big", 1, 1, big), false);
  CHECK(status.error == ErrorCode::kKafkaStorageError);
  CHECK_THAT(status.message, Catch::Contains("is full") && Catch::Contains(dir.path().string()));
  CHECK_FALSE(topic);
  CHECK_FALSE(controller.topic("big"));

  CHECK_THROWS_AS(controller.put_record("blob", "k", std::string(1 << 20, 'x')), LmdbError);
  REQUIRE(controller.create_topic(new_topic("still-works"), false).first.ok());
  CHECK(controller.topics().size() == 2);
}

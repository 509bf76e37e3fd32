// LocalController topic and broker configs: set, overwrite, delete a key.
#include <catch2/catch.hpp>

#include "local_controller.h"
#include "new_topic.h"
#include "temp_dir.h"

using namespace skiff::controller_local;
using skiff::sdk::ErrorCode;
using skiff::test::new_topic;

TEST_CASE("topic configs: create with, alter, delete a key") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 1);
  REQUIRE(controller.create_topic(new_topic("t", 1, 1, {{"cleanup.policy", "compact"}}), false)
              .first.ok());
  CHECK(controller.topic("t")->configs.at("cleanup.policy") == "compact");

  REQUIRE(controller
              .alter_topic_configs("t", {{"retention.ms", "1000"}, {"cleanup.policy", "delete"}},
                                   false)
              .ok());
  auto configs = controller.topic("t")->configs;
  CHECK(configs.at("retention.ms") == "1000");
  CHECK(configs.at("cleanup.policy") == "delete");

  REQUIRE(controller.alter_topic_configs("t", {{"cleanup.policy", std::nullopt}}, false).ok());
  configs = controller.topic("t")->configs;
  CHECK(configs.size() == 1);
  CHECK_FALSE(configs.contains("cleanup.policy"));

  CHECK(controller.alter_topic_configs("missing", {{"a", "b"}}, false).error ==
        ErrorCode::kUnknownTopicOrPartition);
}

TEST_CASE("broker configs: per broker and the cluster default") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 1);
  CHECK(controller.broker_configs(1).empty());

  REQUIRE(controller.alter_broker_configs(1, {{"log.retention.ms", "5"}}, false).ok());
  REQUIRE(controller.alter_broker_configs(-1, {{"log.retention.ms", "9"}}, false).ok());
  CHECK(controller.broker_configs(1).at("log.retention.ms") == "5");
  CHECK(controller.broker_configs(-1).at("log.retention.ms") == "9");

  REQUIRE(controller.alter_broker_configs(1, {{"log.retention.ms", std::nullopt}}, false).ok());
  CHECK(controller.broker_configs(1).empty());
  CHECK(controller.broker_configs(-1).size() == 1);
}

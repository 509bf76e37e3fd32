// LocalController topic lifecycle: create, describe, delete, partitions, validation.
#include <catch2/catch.hpp>

#include "local_controller.h"
#include "new_topic.h"
#include "temp_dir.h"

using namespace skiff::controller_local;
using skiff::sdk::ErrorCode;
using skiff::test::new_topic;

TEST_CASE("create, describe and delete a topic") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 3);

  auto [status, created] = controller.create_topic(new_topic("orders", 3), false);
  REQUIRE(status.ok());
  REQUIRE(created);
  CHECK(created->name == "orders");
  CHECK_FALSE(created->id.is_zero());
  CHECK_FALSE(created->internal);
  REQUIRE(created->partitions.size() == 3);
  for (int32_t i = 0; i < 3; ++i) {
    const auto& p = created->partitions[i];
    CHECK(p.partition == i);
    CHECK(p.leader == 3);
    CHECK(p.leader_epoch == 0);
    CHECK(p.replicas == std::vector<int32_t>{3});
    CHECK(p.isr == std::vector<int32_t>{3});
  }

  auto described = controller.topic("orders");
  REQUIRE(described);
  CHECK(described->id == created->id);
  auto by_id = controller.topic_by_id(created->id);
  REQUIRE(by_id);
  CHECK(by_id->name == "orders");
  CHECK(controller.topics().size() == 1);
  CHECK_FALSE(controller.topic("missing"));

  auto again = controller.create_topic(new_topic("orders"), false);
  CHECK(again.first.error == ErrorCode::kTopicAlreadyExists);
  CHECK_FALSE(again.second);

  REQUIRE(controller.delete_topic("orders").ok());
  CHECK_FALSE(controller.topic("orders"));
  CHECK_FALSE(controller.topic_by_id(created->id));
  CHECK(controller.topics().empty());
  CHECK(controller.delete_topic("orders").error == ErrorCode::kUnknownTopicOrPartition);
}

TEST_CASE("a recreated topic gets a new id") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 1);
  auto first = controller.create_topic(new_topic("t"), false).second->id;
  REQUIRE(controller.delete_topic("t").ok());
  auto second = controller.create_topic(new_topic("t"), false).second->id;
  CHECK(first != second);
}

TEST_CASE("Kafka's internal topics are marked internal") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 1);
  CHECK(controller.create_topic(new_topic("__consumer_offsets", 50), false).second->internal);
  CHECK_FALSE(controller.create_topic(new_topic("__mine"), false).second->internal);
}

TEST_CASE("create_topic rejects bad requests") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 1);

  CHECK(controller.create_topic(new_topic(""), false).first.error ==
        ErrorCode::kInvalidTopicException);
  CHECK(controller.create_topic(new_topic(".."), false).first.error ==
        ErrorCode::kInvalidTopicException);
  CHECK(controller.create_topic(new_topic("a b"), false).first.error ==
        ErrorCode::kInvalidTopicException);
  CHECK(controller.create_topic(new_topic(std::string(250, 'a')), false).first.error ==
        ErrorCode::kInvalidTopicException);

  REQUIRE(controller.create_topic(new_topic("metrics.cpu"), false).first.ok());
  auto collision = controller.create_topic(new_topic("metrics_cpu"), false).first;
  CHECK(collision.error == ErrorCode::kInvalidTopicException);
  CHECK(collision.message == "Topic 'metrics_cpu' collides with existing topic: metrics.cpu");

  CHECK(controller.create_topic(new_topic("p", 0), false).first.error ==
        ErrorCode::kInvalidPartitions);
  CHECK(controller.create_topic(new_topic("p", -1), false).first.error ==
        ErrorCode::kInvalidPartitions);

  auto rf3 = controller.create_topic(new_topic("r", 1, 3), false).first;
  CHECK(rf3.error == ErrorCode::kInvalidReplicationFactor);
  CHECK_THAT(rf3.message, Catch::Contains("only 1 broker(s)"));
  CHECK(controller.create_topic(new_topic("r", 1, 0), false).first.error ==
        ErrorCode::kInvalidReplicationFactor);
  CHECK(controller.create_topic(new_topic("r", 1, -2), false).first.error ==
        ErrorCode::kInvalidReplicationFactor);
  // -1 means the default, which on one node is 1.
  auto rf_default = controller.create_topic(new_topic("r", 1, -1), false);
  REQUIRE(rf_default.first.ok());
  CHECK(rf_default.second->partitions[0].replicas.size() == 1);

  CHECK(controller.topics().size() == 2);
}

TEST_CASE("validate_only checks everything and writes nothing") {
  skiff::test::TempDir dir;
  {
    LocalController controller(dir.path(), 1);
    auto [status, topic] = controller.create_topic(new_topic("dry", 4), true);
    CHECK(status.ok());
    REQUIRE(topic);
    CHECK(topic->partitions.size() == 4);
    CHECK_FALSE(controller.topic("dry"));
    CHECK(controller.create_topic(new_topic("bad name"), true).first.error ==
          ErrorCode::kInvalidTopicException);

    REQUIRE(controller.create_topic(new_topic("real", 1), false).first.ok());
    CHECK(controller.create_topic(new_topic("real"), true).first.error ==
          ErrorCode::kTopicAlreadyExists);
    CHECK(controller.create_partitions("real", 5, true).ok());
    CHECK(controller.topic("real")->partitions.size() == 1);
    CHECK(controller.alter_topic_configs("real", {{"retention.ms", "1"}}, true).ok());
    CHECK(controller.topic("real")->configs.empty());
    CHECK(controller.alter_broker_configs(1, {{"log.retention.ms", "1"}}, true).ok());
    CHECK(controller.broker_configs(1).empty());
  }
  LocalController reopened(dir.path(), 1);
  CHECK(reopened.topics().size() == 1);
  CHECK_FALSE(reopened.topic("dry"));
}

TEST_CASE("create_partitions only increases") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 2);
  REQUIRE(controller.create_topic(new_topic("t", 2), false).first.ok());

  REQUIRE(controller.create_partitions("t", 5, false).ok());
  auto topic = controller.topic("t");
  REQUIRE(topic->partitions.size() == 5);
  CHECK(topic->partitions[4].partition == 4);
  CHECK(topic->partitions[4].leader == 2);
  CHECK(topic->partitions[4].isr == std::vector<int32_t>{2});

  auto same = controller.create_partitions("t", 5, false);
  CHECK(same.error == ErrorCode::kInvalidPartitions);
  CHECK(same.message == "Topic already has 5 partition(s).");
  auto fewer = controller.create_partitions("t", 3, false);
  CHECK(fewer.error == ErrorCode::kInvalidPartitions);
  CHECK_THAT(fewer.message, Catch::Contains("higher than the requested 3"));
  CHECK(controller.create_partitions("missing", 9, false).error ==
        ErrorCode::kUnknownTopicOrPartition);
}

TEST_CASE("brokers register in memory and the controller is this node") {
  skiff::test::TempDir dir;
  LocalController controller(dir.path(), 4);
  CHECK(controller.active_controller_id() == 4);
  controller.register_broker({4, {{"PLAINTEXT", "PLAINTEXT", "localhost", 9092}}, ""});
  controller.register_broker({4, {{"PLAINTEXT", "PLAINTEXT", "localhost", 9093}}, "r1"});
  auto brokers = controller.brokers();
  REQUIRE(brokers.size() == 1);
  CHECK(brokers[0].endpoints[0].port == 9093);
  CHECK(brokers[0].rack == "r1");
}

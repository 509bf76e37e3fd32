#include <catch2/catch.hpp>

#include "kernel/config/broker_config_keys.h"
#include "skiff/sdk/config_key_builder.h"
#include "kernel/config/topic_config_keys.h"

using namespace skiff::kernel;
using skiff::sdk::ConfigKeyBuilder;
using skiff::sdk::ConfigType;

namespace {

// The kernel's keys plus the storage plugin's retention keys.
ConfigSchemaRegistry schema_with_storage() {
  ConfigSchemaRegistry schema;
  declare_broker_config(schema);
  schema.define_as("storage-log", ConfigKeyBuilder("log.retention.ms", ConfigType::kLong, std::nullopt, ""));
  schema.define_as("storage-log", ConfigKeyBuilder("log.retention.minutes", ConfigType::kInt, std::nullopt, ""));
  schema.define_as("storage-log", ConfigKeyBuilder("log.retention.hours", ConfigType::kInt, "168", ""));
  schema.define_as("storage-log", ConfigKeyBuilder("log.segment.bytes", ConfigType::kInt, "1073741824", ""));
  return schema;
}

RawValue from_file(std::string value) { return {std::move(value), ConfigSource::from_file("s.properties", 1)}; }

}  // namespace

TEST_CASE("topic configs: validation with Kafka's messages") {
  CHECK(validate_topic_config("retention.ms", "86400000").empty());
  CHECK(validate_topic_config("cleanup.policy", "compact,delete").empty());
  CHECK(validate_topic_config("retention.m", "1") == "Unknown topic config name: retention.m");
  CHECK(validate_topic_config("retention.ms", "abc") ==
        "Invalid value abc for configuration retention.ms: Not a number of type LONG");
  CHECK(validate_topic_config("segment.bytes", "10") ==
        "Invalid value 10 for configuration segment.bytes: Value must be at least 14");
  CHECK(validate_topic_config("min.cleanable.dirty.ratio", "2") ==
        "Invalid value 2 for configuration min.cleanable.dirty.ratio: Value must be no more than 1");
  CHECK(validate_topic_config("preallocate", "maybe") ==
        "Invalid value maybe for configuration preallocate: Expected value to be either true or false");
  CHECK(validate_topic_config("cleanup.policy", "shred") ==
        "Invalid value [shred] for configuration cleanup.policy: String must be one of: compact, delete");
}

TEST_CASE("topic configs: the table is sorted and complete enough") {
  const auto& defs = topic_config_defs();
  for (size_t i = 1; i < defs.size(); ++i) CHECK(defs[i - 1].key.name < defs[i].key.name);
  for (auto name : {"retention.ms", "retention.bytes", "segment.bytes", "segment.ms", "flush.messages",
                    "flush.ms", "max.message.bytes", "cleanup.policy", "compression.type",
                    "message.timestamp.type", "min.insync.replicas", "segment.index.bytes",
                    "index.interval.bytes", "unclean.leader.election.enable"}) {
    INFO(name);
    REQUIRE(find_topic_config(name) != nullptr);
    CHECK(find_topic_config(name)->key.default_value);
  }
}

TEST_CASE("topic configs: effective values and their sources") {
  auto schema = schema_with_storage();
  RawConfig broker{{"log.retention.hours", from_file("24")},
                   {"compression.type", {"zstd", ConfigSource::dynamic()}}};
  auto snapshot = ConfigSnapshot::build(broker, schema);
  auto topic = build_topic_config({{"cleanup.policy", "compact"}}, snapshot);

  // Topic override.
  CHECK(topic.get_string("cleanup.policy") == "compact");
  CHECK(topic.entry("cleanup.policy")->source == TopicConfigSource::kTopicConfig);
  // Explicit broker key in another unit, converted.
  CHECK(topic.get_long("retention.ms") == 24LL * 3600 * 1000);
  CHECK(topic.entry("retention.ms")->source == TopicConfigSource::kStaticBrokerConfig);
  CHECK(topic.entry("retention.ms")->synonyms.front().name == "log.retention.hours");
  // Dynamic broker value.
  CHECK(topic.get_string("compression.type") == "zstd");
  CHECK(topic.entry("compression.type")->source == TopicConfigSource::kDynamicBrokerConfig);
  // A declared broker key's default.
  CHECK(topic.get_long("segment.bytes") == 1073741824);
  CHECK(topic.entry("segment.bytes")->source == TopicConfigSource::kDefaultConfig);
  CHECK(topic.entry("segment.bytes")->synonyms.front().name == "log.segment.bytes");
  // No plugin declared log.flush.interval.messages: Kafka's default.
  CHECK(topic.get_string("flush.messages") == "9223372036854775807");
  CHECK(topic.entry("flush.messages")->synonyms.empty());
}

TEST_CASE("topic configs: retention precedence ms > minutes > hours; -1 stays unlimited") {
  auto schema = schema_with_storage();
  auto retention = [&](RawConfig broker) {
    return build_topic_config({}, ConfigSnapshot::build(broker, schema)).get_long("retention.ms");
  };
  CHECK(retention({}) == 168LL * 3600 * 1000);
  CHECK(retention({{"log.retention.minutes", from_file("10")}}) == 600000);
  CHECK(retention({{"log.retention.minutes", from_file("10")}, {"log.retention.ms", from_file("5")}}) == 5);
  CHECK(retention({{"log.retention.hours", from_file("-1")}}) == -1);
}

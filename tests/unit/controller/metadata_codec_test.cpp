// The stored value format: round trips, and clear errors for bad input.
#include <catch2/catch.hpp>

#include "metadata_codec.h"

using namespace skiff::controller_local;

TEST_CASE("topics round-trip without their configs") {
  skiff::sdk::TopicInfo topic;
  topic.name = "orders";
  topic.id = {0x0123456789abcdefull, 0xfedcba9876543210ull};
  topic.internal = true;
  topic.configs = {{"cleanup.policy", "compact"}};
  topic.partitions.push_back({0, 7, 3, 2, {7}, {7}});
  topic.partitions.push_back({1, -1, 0, 0, {7, 8}, {}});

  auto decoded = decode_topic(encode_topic(topic));
  CHECK(decoded.name == "orders");
  CHECK(decoded.id == topic.id);
  CHECK(decoded.internal);
  CHECK(decoded.configs.empty());
  REQUIRE(decoded.partitions.size() == 2);
  CHECK(decoded.partitions[0].leader == 7);
  CHECK(decoded.partitions[0].leader_epoch == 3);
  CHECK(decoded.partitions[0].partition_epoch == 2);
  CHECK(decoded.partitions[1].partition == 1);
  CHECK(decoded.partitions[1].replicas == std::vector<int32_t>{7, 8});
  CHECK(decoded.partitions[1].isr.empty());
}

TEST_CASE("configs, integers and strings round-trip") {
  std::map<std::string, std::string> configs{{"a", ""}, {"retention.ms", "1000"}};
  CHECK(decode_configs(encode_configs(configs)) == configs);
  CHECK(decode_int64(encode_int64(-42)) == -42);
  std::string with_nul("x\0y", 3);
  CHECK(decode_string(encode_string(with_nul)) == with_nul);
}

TEST_CASE("bad values are CodecErrors, not crashes") {
  auto bytes = encode_topic(skiff::sdk::TopicInfo{"t", {1, 2}, false, {{0, 1, 0, 0, {1}, {1}}}, {}});
  SECTION("unknown version") {
    bytes[0] = 99;
    CHECK_THROWS_WITH(decode_topic(bytes), Catch::Contains("unknown format version 99"));
  }
  SECTION("every truncation") {
    for (std::size_t n = 0; n < bytes.size(); ++n) {
      CHECK_THROWS_AS(decode_topic(bytes.substr(0, n)), CodecError);
    }
  }
  SECTION("trailing bytes") {
    CHECK_THROWS_WITH(decode_topic(bytes + "z"), Catch::Contains("trailing"));
  }
  SECTION("huge counts") {
    std::string huge = encode_configs({});
    huge.replace(1, 4, "\xff\xff\xff\xff");
    CHECK_THROWS_AS(decode_configs(huge), CodecError);
  }
}

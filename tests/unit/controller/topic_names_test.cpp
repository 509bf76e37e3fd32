// Kafka's topic name rules.
#include <catch2/catch.hpp>

#include "topic_names.h"

using namespace skiff::controller_local;

TEST_CASE("legal topic names") {
  for (const char* name : {"a", "orders", "my.topic-1_x", "...", "__consumer_offsets"}) {
    CHECK_FALSE(invalid_topic_name_reason(name));
  }
  CHECK_FALSE(invalid_topic_name_reason(std::string(249, 'x')));
}

TEST_CASE("illegal topic names") {
  CHECK(*invalid_topic_name_reason("") == "Topic name is illegal, it can't be empty");
  CHECK(*invalid_topic_name_reason(".") == "Topic name cannot be \".\" or \"..\"");
  CHECK(invalid_topic_name_reason(".."));
  CHECK_THAT(*invalid_topic_name_reason(std::string(250, 'x')),
             Catch::Contains("can't be longer than 249 characters"));
  for (const char* name : {"a b", "a/b", "ä", "a:b", "a*"}) {
    CHECK_THAT(*invalid_topic_name_reason(name), Catch::Contains("is illegal, it contains"));
  }
}

TEST_CASE("'.' and '_' collide") {
  CHECK(topic_names_collide("a.b", "a_b"));
  CHECK(topic_names_collide("a_b", "a.b"));
  CHECK_FALSE(topic_names_collide("a.b", "a-b"));
  CHECK_FALSE(topic_names_collide("a.b", "a.bc"));
}

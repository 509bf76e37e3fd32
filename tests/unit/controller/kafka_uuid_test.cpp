// Kafka-style UUIDs: text form matches Kafka's Uuid.toString, random ids follow its rules.
#include <catch2/catch.hpp>

#include <set>

#include "kafka_uuid.h"

using namespace skiff::controller_local;
using skiff::sdk::Uuid;

TEST_CASE("uuid_to_base64 matches Kafka's Uuid.toString") {
  CHECK(uuid_to_base64(Uuid{0, 0}) == "AAAAAAAAAAAAAAAAAAAAAA");
  CHECK(uuid_to_base64(Uuid{0, 1}) == "AAAAAAAAAAAAAAAAAAAAAQ");
  CHECK(uuid_to_base64(Uuid{~0ull, ~0ull}) == "_____________________w");
}

TEST_CASE("random_kafka_uuid is version 4, non-zero, and never starts with '-'") {
  std::set<Uuid> seen;
  for (int i = 0; i < 2000; ++i) {
    Uuid id = random_kafka_uuid();
    CHECK_FALSE(id.is_zero());
    CHECK(((id.high >> 12) & 0xF) == 4);
    CHECK((id.low >> 62) == 2);
    auto text = uuid_to_base64(id);
    CHECK(text.size() == 22);
    CHECK(text.front() != '-');
    seen.insert(id);
  }
  CHECK(seen.size() == 2000);
}

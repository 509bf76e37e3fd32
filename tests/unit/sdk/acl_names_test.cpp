// skiff/sdk/acl_names.h: Kafka's names of the ACL enums, both ways.
#include <catch2/catch.hpp>

#include "skiff/sdk/acl_names.h"

using namespace skiff::sdk;

TEST_CASE("ACL enum names are Kafka's and read back to the same value", "[sdk][acl]") {
  CHECK(name_of(ResourceType::kTransactionalId) == "TRANSACTIONAL_ID");
  CHECK(name_of(PatternType::kPrefixed) == "PREFIXED");
  CHECK(name_of(AclOperation::kDescribeConfigs) == "DESCRIBE_CONFIGS");
  CHECK(name_of(AclPermissionType::kAllow) == "ALLOW");
  for (int i = 0; i <= 14; ++i) {
    auto op = static_cast<AclOperation>(i);
    CHECK(operation_named(name_of(op)) == op);
  }
  for (int i = 0; i <= 7; ++i) {
    auto type = static_cast<ResourceType>(i);
    CHECK(resource_type_named(name_of(type)) == type);
  }
  CHECK(pattern_type_named("MATCH") == PatternType::kMatch);
  CHECK(permission_named("DENY") == AclPermissionType::kDeny);
}

TEST_CASE("codes Kafka does not define have no name", "[sdk][acl]") {
  CHECK_FALSE(known_name_of(static_cast<AclOperation>(15)).has_value());
  CHECK_FALSE(known_name_of(static_cast<ResourceType>(-1)).has_value());
  CHECK(name_of(static_cast<PatternType>(9)) == "UNKNOWN");
  CHECK_FALSE(operation_named("read").has_value());  // exact spelling only
  CHECK_FALSE(permission_named("").has_value());
}

// kafka-acls.sh's vocabulary: operation, resource type, pattern type and
// permission names (Read, TOPIC, PREFIXED, ALLOW ...) and their wire codes, and
// the one-line renderings Kafka's tool prints.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace skiff::cli::acls {

// Wire codes, as in Kafka's AclOperation / ResourceType / PatternType / AclPermissionType.
int8_t operation_code(std::string_view name);      // "Read", "read", "READ" -> 3; UsageError if unknown
int8_t pattern_type_code(std::string_view name);   // "LITERAL" -> 3, "PREFIXED" -> 4, "ANY", "MATCH"
std::string operation_name(int8_t code);           // 3 -> "READ"
std::string resource_type_name(int8_t code);       // 2 -> "TOPIC"
std::string pattern_type_name(int8_t code);        // 3 -> "LITERAL"
std::string permission_name(int8_t code);          // 3 -> "ALLOW"

inline constexpr int8_t kResourceTopic = 2;
inline constexpr int8_t kResourceGroup = 3;
inline constexpr int8_t kResourceCluster = 4;
inline constexpr int8_t kResourceTransactionalId = 5;
inline constexpr int8_t kResourceDelegationToken = 6;
inline constexpr int8_t kResourceUser = 7;
inline constexpr int8_t kAny = 1;
inline constexpr int8_t kPatternLiteral = 3;
inline constexpr int8_t kPatternPrefixed = 4;
inline constexpr int8_t kPermissionDeny = 2;
inline constexpr int8_t kPermissionAllow = 3;

}  // namespace skiff::cli::acls

// kafka-acls.sh's vocabulary: operation and pattern type names as users type them
// (Read, describe-configs, PREFIXED ...) to wire codes, and codes back to the names
// Kafka's tool prints (skiff/sdk/acl_names.h spells them).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "skiff/sdk/authorizer.h"

namespace skiff::cli::acls {

// Wire codes, as in Kafka's AclOperation / ResourceType / PatternType / AclPermissionType.
int8_t operation_code(std::string_view name);      // "Read", "read", "READ" -> 3; UsageError if unknown
int8_t pattern_type_code(std::string_view name);   // "LITERAL" -> 3, "PREFIXED" -> 4, "ANY", "MATCH"
std::string operation_name(int8_t code);           // 3 -> "READ"
std::string resource_type_name(int8_t code);       // 2 -> "TOPIC"
std::string pattern_type_name(int8_t code);        // 3 -> "LITERAL"
std::string permission_name(int8_t code);          // 3 -> "ALLOW"

// The SDK's enums as the int8 codes of the wire structs.
template <class Enum>
constexpr int8_t code(Enum value) {
  return static_cast<int8_t>(value);
}
inline constexpr int8_t kResourceTopic = code(sdk::ResourceType::kTopic);
inline constexpr int8_t kResourceGroup = code(sdk::ResourceType::kGroup);
inline constexpr int8_t kResourceCluster = code(sdk::ResourceType::kCluster);
inline constexpr int8_t kResourceTransactionalId = code(sdk::ResourceType::kTransactionalId);
inline constexpr int8_t kResourceDelegationToken = code(sdk::ResourceType::kDelegationToken);
inline constexpr int8_t kResourceUser = code(sdk::ResourceType::kUser);
inline constexpr int8_t kAny = code(sdk::ResourceType::kAny);  // 1 in all four enums
inline constexpr int8_t kPatternLiteral = code(sdk::PatternType::kLiteral);
inline constexpr int8_t kPatternPrefixed = code(sdk::PatternType::kPrefixed);
inline constexpr int8_t kPermissionDeny = code(sdk::AclPermissionType::kDeny);
inline constexpr int8_t kPermissionAllow = code(sdk::AclPermissionType::kAllow);

}  // namespace skiff::cli::acls

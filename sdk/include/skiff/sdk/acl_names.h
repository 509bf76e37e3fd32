// Kafka's upper-case names of the ACL enums of authorizer.h ("TOPIC", "PREFIXED",
// "READ", "ALLOW"), as kafka-acls.sh prints them and Kafka's ACL records store them:
// for authorizers, audit logs and tools, so every one spells them alike.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "skiff/sdk/authorizer.h"

namespace skiff::sdk {

namespace acl_names_detail {
// Indexed by the enum's wire value, which starts at 0 (UNKNOWN) for all four.
inline constexpr std::array<std::string_view, 8> kResourceTypes = {
    "UNKNOWN", "ANY", "TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID", "DELEGATION_TOKEN", "USER"};
inline constexpr std::array<std::string_view, 5> kPatternTypes = {
    "UNKNOWN", "ANY", "MATCH", "LITERAL", "PREFIXED"};
inline constexpr std::array<std::string_view, 15> kOperations = {
    "UNKNOWN", "ANY", "ALL", "READ", "WRITE", "CREATE", "DELETE", "ALTER", "DESCRIBE",
    "CLUSTER_ACTION", "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE",
    "CREATE_TOKENS", "DESCRIBE_TOKENS"};
inline constexpr std::array<std::string_view, 4> kPermissions = {"UNKNOWN", "ANY", "DENY", "ALLOW"};

template <class Enum, std::size_t N>
constexpr std::optional<std::string_view> known(const std::array<std::string_view, N>& names,
                                                Enum value) {
  auto i = static_cast<int>(value);
  if (i < 0 || static_cast<std::size_t>(i) >= N) return std::nullopt;
  return names[static_cast<std::size_t>(i)];
}

template <class Enum, std::size_t N>
constexpr std::optional<Enum> named(const std::array<std::string_view, N>& names,
                                    std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}
}  // namespace acl_names_detail

// The name of a value Kafka defines, or nullopt (a code from a newer peer).
constexpr std::optional<std::string_view> known_name_of(ResourceType v) {
  return acl_names_detail::known(acl_names_detail::kResourceTypes, v);
}
constexpr std::optional<std::string_view> known_name_of(PatternType v) {
  return acl_names_detail::known(acl_names_detail::kPatternTypes, v);
}
constexpr std::optional<std::string_view> known_name_of(AclOperation v) {
  return acl_names_detail::known(acl_names_detail::kOperations, v);
}
constexpr std::optional<std::string_view> known_name_of(AclPermissionType v) {
  return acl_names_detail::known(acl_names_detail::kPermissions, v);
}

// The name, "UNKNOWN" for values Kafka does not define.
template <class Enum>
  requires requires(Enum v) { known_name_of(v); }
constexpr std::string_view name_of(Enum value) {
  return known_name_of(value).value_or("UNKNOWN");
}

// The value named exactly (upper case, as name_of spells it), or nullopt.
constexpr std::optional<ResourceType> resource_type_named(std::string_view name) {
  return acl_names_detail::named<ResourceType>(acl_names_detail::kResourceTypes, name);
}
constexpr std::optional<PatternType> pattern_type_named(std::string_view name) {
  return acl_names_detail::named<PatternType>(acl_names_detail::kPatternTypes, name);
}
constexpr std::optional<AclOperation> operation_named(std::string_view name) {
  return acl_names_detail::named<AclOperation>(acl_names_detail::kOperations, name);
}
constexpr std::optional<AclPermissionType> permission_named(std::string_view name) {
  return acl_names_detail::named<AclPermissionType>(acl_names_detail::kPermissions, name);
}

}  // namespace skiff::sdk

#include "acl_names.h"

#include <array>

namespace skiff::acl {
namespace {

// Indexed by the enum's wire value, which starts at 0 (UNKNOWN) for all four.
constexpr std::array<std::string_view, 8> kResourceTypes = {
    "UNKNOWN", "ANY", "TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID", "DELEGATION_TOKEN", "USER"};
constexpr std::array<std::string_view, 5> kPatternTypes = {
    "UNKNOWN", "ANY", "MATCH", "LITERAL", "PREFIXED"};
constexpr std::array<std::string_view, 15> kOperations = {
    "UNKNOWN", "ANY", "ALL", "READ", "WRITE", "CREATE", "DELETE", "ALTER", "DESCRIBE",
    "CLUSTER_ACTION", "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE",
    "CREATE_TOKENS", "DESCRIBE_TOKENS"};
constexpr std::array<std::string_view, 4> kPermissions = {"UNKNOWN", "ANY", "DENY", "ALLOW"};

template <class Enum, size_t N>
std::string_view lookup(const std::array<std::string_view, N>& names, Enum value) {
  auto i = static_cast<int>(value);
  return i >= 0 && static_cast<size_t>(i) < N ? names[static_cast<size_t>(i)] : names[0];
}

template <class Enum, size_t N>
std::optional<Enum> reverse(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view name_of(sdk::ResourceType type) { return lookup(kResourceTypes, type); }
std::string_view name_of(sdk::PatternType type) { return lookup(kPatternTypes, type); }
std::string_view name_of(sdk::AclOperation operation) { return lookup(kOperations, operation); }
std::string_view name_of(sdk::AclPermissionType permission) { return lookup(kPermissions, permission); }

std::optional<sdk::ResourceType> resource_type_named(std::string_view name) {
  return reverse<sdk::ResourceType>(kResourceTypes, name);
}
std::optional<sdk::PatternType> pattern_type_named(std::string_view name) {
  return reverse<sdk::PatternType>(kPatternTypes, name);
}
std::optional<sdk::AclOperation> operation_named(std::string_view name) {
  return reverse<sdk::AclOperation>(kOperations, name);
}
std::optional<sdk::AclPermissionType> permission_named(std::string_view name) {
  return reverse<sdk::AclPermissionType>(kPermissions, name);
}

}  // namespace skiff::acl

// Kafka's upper-case names of the ACL enums ("TOPIC", "PREFIXED", "READ", "ALLOW"),
// shared by the record codec, the audit log and validation messages.
#pragma once

#include <optional>
#include <string_view>

#include "skiff/sdk/authorizer.h"

namespace skiff::acl {

std::string_view name_of(sdk::ResourceType type);
std::string_view name_of(sdk::PatternType type);
std::string_view name_of(sdk::AclOperation operation);
std::string_view name_of(sdk::AclPermissionType permission);

std::optional<sdk::ResourceType> resource_type_named(std::string_view name);
std::optional<sdk::PatternType> pattern_type_named(std::string_view name);
std::optional<sdk::AclOperation> operation_named(std::string_view name);
std::optional<sdk::AclPermissionType> permission_named(std::string_view name);

}  // namespace skiff::acl

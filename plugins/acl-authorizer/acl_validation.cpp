#include "acl_validation.h"

#include <string>

#include "skiff/sdk/acl_names.h"

namespace skiff::acl {
namespace {

using sdk::AclOperation;
using sdk::AclPermissionType;
using sdk::PatternType;
using sdk::ResourceType;

sdk::AclResult invalid(std::string message) {
  return {sdk::ErrorCode::kInvalidRequest, std::move(message)};
}

template <class Enum>
std::string named(std::string_view what, Enum value) {
  return "Invalid " + std::string(what) + " " + std::string(name_of(value));
}

bool well_formed_principal(const std::string& principal) {
  auto colon = principal.find(':');
  return colon != std::string::npos && colon > 0 && colon + 1 < principal.size();
}

}  // namespace

sdk::AclResult validate_binding(const sdk::AclBinding& b) {
  // In Kafka's order: the broker's checks (AclApis), then the controller's.
  if (b.resource_type == ResourceType::kCluster && b.resource_name != sdk::kClusterResourceName) {
    return invalid("The only valid name for the CLUSTER resource is kafka-cluster");
  }
  if (b.resource_name.empty()) return invalid("Invalid empty resource name");
  if (b.resource_type == ResourceType::kAny || b.resource_type == ResourceType::kUnknown) {
    return invalid(named("resourceType", b.resource_type));
  }
  if (b.pattern_type != PatternType::kLiteral && b.pattern_type != PatternType::kPrefixed) {
    return invalid(named("patternType", b.pattern_type));
  }
  if (b.operation == AclOperation::kAny || b.operation == AclOperation::kUnknown) {
    return invalid(named("operation", b.operation));
  }
  if (b.permission != AclPermissionType::kAllow && b.permission != AclPermissionType::kDeny) {
    return invalid(named("permissionType", b.permission));
  }
  if (!well_formed_principal(b.principal)) {
    return invalid("Could not parse principal from `" + b.principal +
                   "` (expected Type:name, e.g. User:alice)");
  }
  return {};
}

sdk::AclResult validate_filter(const sdk::AclBindingFilter& f) {
  if (f.resource_type == ResourceType::kUnknown) return invalid("Unknown resourceType in filter");
  if (f.pattern_type == PatternType::kUnknown) return invalid("Unknown patternType in filter");
  if (f.operation == AclOperation::kUnknown) return invalid("Unknown operation in filter");
  if (f.permission == AclPermissionType::kUnknown) return invalid("Unknown permissionType in filter");
  return {};
}

}  // namespace skiff::acl

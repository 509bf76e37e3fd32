#include "kernel/server/acl_wire.h"

#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/request_context.h"

namespace skiff::kernel::server {
namespace {

// Highest code of each enum Kafka defines (AclOperation 14 = DESCRIBE_TOKENS ...).
constexpr int8_t kLastResourceType = 7;
constexpr int8_t kLastPatternType = 4;
constexpr int8_t kLastOperation = 14;
constexpr int8_t kLastPermission = 3;
constexpr int8_t kUnknown = 0;
constexpr int8_t kAny = 1;

bool known(int8_t code, int8_t last) { return code > kUnknown && code <= last; }

// Every enum named and in range; `problem` says which one is not.
bool check_codes(const WireAcl& wire, std::string& problem) {
  if (!known(wire.resource_type, kLastResourceType)) {
    problem = "Invalid resource type " + std::to_string(wire.resource_type);
  } else if (!known(wire.pattern_type, kLastPatternType)) {
    problem = "Invalid pattern type " + std::to_string(wire.pattern_type);
  } else if (!known(wire.operation, kLastOperation)) {
    problem = "Invalid operation " + std::to_string(wire.operation);
  } else if (!known(wire.permission, kLastPermission)) {
    problem = "Invalid permission type " + std::to_string(wire.permission);
  }
  return problem.empty();
}

// AclBinding and AclBindingFilter have the same fields; null strings become "".
template <class Acl>
Acl from_wire(const WireAcl& wire) {
  Acl acl;
  acl.resource_type = static_cast<sdk::ResourceType>(wire.resource_type);
  acl.resource_name = wire.resource_name.value_or("");
  acl.pattern_type = static_cast<sdk::PatternType>(wire.pattern_type);
  acl.principal = wire.principal.value_or("");
  acl.host = wire.host.value_or("");
  acl.operation = static_cast<sdk::AclOperation>(wire.operation);
  acl.permission = static_cast<sdk::AclPermissionType>(wire.permission);
  return acl;
}

}  // namespace

std::optional<sdk::AclBinding> binding_from_wire(const WireAcl& wire, std::string& problem) {
  if (!check_codes(wire, problem)) return std::nullopt;
  if (wire.resource_type == kAny) problem = "Resource type ANY cannot be used in an ACL";
  else if (wire.pattern_type <= static_cast<int8_t>(sdk::PatternType::kMatch))
    problem = "Pattern type ANY or MATCH cannot be used in an ACL";
  else if (wire.operation == kAny) problem = "Operation ANY cannot be used in an ACL";
  else if (wire.permission == kAny) problem = "Permission type ANY cannot be used in an ACL";
  if (!problem.empty()) return std::nullopt;
  return from_wire<sdk::AclBinding>(wire);
}

std::optional<sdk::AclBindingFilter> filter_from_wire(const WireAcl& wire, std::string& problem) {
  if (!check_codes(wire, problem)) return std::nullopt;
  return from_wire<sdk::AclBindingFilter>(wire);
}

sdk::AclResult acl_request_refusal(const RequestContext& ctx, sdk::AclOperation needed) {
  const auto* authorizer = ctx.broker.authorizer.get();
  if (authorizer == nullptr || !authorizer->manages_acls()) {
    return {sdk::ErrorCode::kSecurityDisabled, "No Authorizer is configured on the broker"};
  }
  if (!authorized_on_cluster(ctx, needed)) {
    return {sdk::ErrorCode::kClusterAuthorizationFailed, "Authorization failed."};
  }
  return {};
}

}  // namespace skiff::kernel::server

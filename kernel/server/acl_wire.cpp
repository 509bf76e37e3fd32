#include "kernel/server/acl_wire.h"

#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/request_context.h"
#include "skiff/sdk/acl_names.h"

namespace skiff::kernel::server {
namespace {

template <class Enum>
bool known(int8_t code) {
  return code != 0 && sdk::known_name_of(static_cast<Enum>(code)).has_value();
}

// Every enum named and one Kafka defines; `problem` says which one is not. The rest
// (ANY where a binding needs a value, principal syntax ...) is the authorizer's to
// check, in Kafka's order.
bool check_codes(const WireAcl& wire, std::string& problem) {
  if (!known<sdk::ResourceType>(wire.resource_type)) {
    problem = "Invalid resource type " + std::to_string(wire.resource_type);
  } else if (!known<sdk::PatternType>(wire.pattern_type)) {
    problem = "Invalid pattern type " + std::to_string(wire.pattern_type);
  } else if (!known<sdk::AclOperation>(wire.operation)) {
    problem = "Invalid operation " + std::to_string(wire.operation);
  } else if (!known<sdk::AclPermissionType>(wire.permission)) {
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

#include "kernel/server/acl_wire.h"

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

}  // namespace

std::optional<sdk::AclBinding> binding_from_wire(const WireAcl& wire, std::string& problem) {
  if (!check_codes(wire, problem)) return std::nullopt;
  if (wire.resource_type == kAny) problem = "Resource type ANY cannot be used in an ACL";
  else if (wire.pattern_type <= static_cast<int8_t>(sdk::PatternType::kMatch))
    problem = "Pattern type ANY or MATCH cannot be used in an ACL";
  else if (wire.operation == kAny) problem = "Operation ANY cannot be used in an ACL";
  else if (wire.permission == kAny) problem = "Permission type ANY cannot be used in an ACL";
  if (!problem.empty()) return std::nullopt;
  sdk::AclBinding binding;
  binding.resource_type = static_cast<sdk::ResourceType>(wire.resource_type);
  binding.resource_name = wire.resource_name.value_or("");
  binding.pattern_type = static_cast<sdk::PatternType>(wire.pattern_type);
  binding.principal = wire.principal.value_or("");
  binding.host = wire.host.value_or("");
  binding.operation = static_cast<sdk::AclOperation>(wire.operation);
  binding.permission = static_cast<sdk::AclPermissionType>(wire.permission);
  return binding;
}

std::optional<sdk::AclBindingFilter> filter_from_wire(const WireAcl& wire, std::string& problem) {
  if (!check_codes(wire, problem)) return std::nullopt;
  sdk::AclBindingFilter filter;
  filter.resource_type = static_cast<sdk::ResourceType>(wire.resource_type);
  filter.resource_name = wire.resource_name.value_or("");
  filter.pattern_type = static_cast<sdk::PatternType>(wire.pattern_type);
  filter.principal = wire.principal.value_or("");
  filter.host = wire.host.value_or("");
  filter.operation = static_cast<sdk::AclOperation>(wire.operation);
  filter.permission = static_cast<sdk::AclPermissionType>(wire.permission);
  return filter;
}

}  // namespace skiff::kernel::server

#include "acl_matcher.h"

#include <unordered_set>

namespace skiff::acl {

using sdk::AclOperation;
using sdk::AclPermissionType;
using sdk::PatternType;

bool principal_matches(std::string_view acl_principal, std::string_view principal) {
  return acl_principal == principal || acl_principal == sdk::kWildcardPrincipal;
}

bool host_matches(std::string_view acl_host, std::string_view host) {
  return acl_host == host || acl_host == sdk::kWildcardHost;
}

bool operation_matches(const AclEntry& entry, AclOperation requested) {
  if (entry.operation == AclOperation::kAll || entry.operation == requested) return true;
  if (entry.permission != AclPermissionType::kAllow) return false;
  switch (requested) {
    case AclOperation::kDescribe:
      return entry.operation == AclOperation::kRead || entry.operation == AclOperation::kWrite ||
             entry.operation == AclOperation::kDelete || entry.operation == AclOperation::kAlter;
    case AclOperation::kDescribeConfigs:
      return entry.operation == AclOperation::kAlterConfigs;
    default:
      return false;
  }
}

EntryMatch match_entry(const AclEntry& entry, const Requester& who, AclOperation requested) {
  if (!principal_matches(entry.principal, who.principal) || !host_matches(entry.host, who.host) ||
      !operation_matches(entry, requested)) {
    return EntryMatch::kNone;
  }
  if (entry.permission == AclPermissionType::kDeny) return EntryMatch::kDeny;
  return entry.permission == AclPermissionType::kAllow ? EntryMatch::kAllow : EntryMatch::kNone;
}

namespace {

bool pattern_filter_matches(const sdk::AclBindingFilter& f, const sdk::AclBinding& b) {
  if (f.resource_type != sdk::ResourceType::kAny && f.resource_type != b.resource_type) return false;
  bool any_pattern = f.pattern_type == PatternType::kAny;
  if (!any_pattern && f.pattern_type != PatternType::kMatch && f.pattern_type != b.pattern_type) {
    return false;
  }
  if (f.resource_name.empty()) return true;
  if (any_pattern || f.pattern_type == b.pattern_type) return f.resource_name == b.resource_name;
  // kMatch: the bindings that would apply to a resource of that name.
  if (b.pattern_type == PatternType::kLiteral) {
    return b.resource_name == f.resource_name || b.resource_name == sdk::kWildcardResource;
  }
  return b.pattern_type == PatternType::kPrefixed && f.resource_name.starts_with(b.resource_name);
}

bool entry_filter_matches(const sdk::AclBindingFilter& f, const sdk::AclBinding& b) {
  return (f.principal.empty() || f.principal == b.principal) &&
         (f.host.empty() || f.host == b.host) &&
         (f.operation == AclOperation::kAny || f.operation == b.operation) &&
         (f.permission == AclPermissionType::kAny || f.permission == b.permission);
}

// A prefixed DENY dominates a name or prefix that starts with it.
bool dominated_by_prefix(const std::string& name, const std::unordered_set<std::string>& prefixes) {
  for (size_t n = 1; n <= name.size(); ++n) {
    if (prefixes.count(name.substr(0, n))) return true;
  }
  return false;
}

}  // namespace

bool filter_matches(const sdk::AclBindingFilter& filter, const sdk::AclBinding& binding) {
  return pattern_filter_matches(filter, binding) && entry_filter_matches(filter, binding);
}

bool allowed_on_some_resource(const std::vector<sdk::AclBinding>& acls, const Requester& who,
                              AclOperation requested) {
  std::unordered_set<std::string> denied_literals, denied_prefixes;
  std::vector<const sdk::AclBinding*> allows;
  for (const auto& b : acls) {
    AclEntry entry{b.principal, b.host, b.operation, b.permission};
    auto match = match_entry(entry, who, requested);
    if (match == EntryMatch::kNone) continue;
    bool literal = b.pattern_type == PatternType::kLiteral;
    if (match == EntryMatch::kAllow) {
      // Weighed after the loop: a DENY on every name outranks even an ALLOW on all.
      allows.push_back(&b);
      continue;
    }
    if ((literal && b.resource_name == sdk::kWildcardResource) ||
        (!literal && b.resource_name.empty())) {
      return false;  // a DENY on every name of the type
    }
    (literal ? denied_literals : denied_prefixes).insert(b.resource_name);
  }
  for (const auto* allow : allows) {
    if (allow->pattern_type == PatternType::kLiteral && allow->resource_name == sdk::kWildcardResource) {
      return true;
    }
  }
  for (const auto* allow : allows) {
    if (allow->pattern_type == PatternType::kLiteral && denied_literals.count(allow->resource_name)) {
      continue;
    }
    if (!dominated_by_prefix(allow->resource_name, denied_prefixes)) return true;
  }
  return false;
}

}  // namespace skiff::acl

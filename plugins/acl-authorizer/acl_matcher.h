// The pure decision rules of Kafka's ACLs: whether one ACL entry applies to a
// request (principal, host, operation implications), whether a filter selects a
// binding, and authorizeByResourceType over a resource type's ACLs. No state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "skiff/sdk/authorizer.h"

namespace skiff::acl {

// The part of a binding that says who may do what, kept per resource pattern.
struct AclEntry {
  std::string principal;
  std::string host;
  sdk::AclOperation operation = sdk::AclOperation::kUnknown;
  sdk::AclPermissionType permission = sdk::AclPermissionType::kUnknown;
  bool operator==(const AclEntry&) const = default;
};

enum class EntryMatch { kNone, kAllow, kDeny };

// Who is asking, reduced to what ACLs compare against.
struct Requester {
  std::string principal;  // "User:alice"
  std::string host;
};

bool principal_matches(std::string_view acl_principal, std::string_view principal);
bool host_matches(std::string_view acl_host, std::string_view host);
// ALL matches everything; an ALLOW of READ/WRITE/DELETE/ALTER also grants DESCRIBE
// and an ALLOW of ALTER_CONFIGS grants DESCRIBE_CONFIGS. A DENY matches only its own
// operation (or ALL): denying READ does not deny DESCRIBE.
bool operation_matches(const AclEntry& entry, sdk::AclOperation requested);
EntryMatch match_entry(const AclEntry& entry, const Requester& who, sdk::AclOperation requested);

// Kafka's AclBindingFilter.matches (see PatternType for kAny and kMatch).
bool filter_matches(const sdk::AclBindingFilter& filter, const sdk::AclBinding& binding);

// Kafka's authorizeByResourceType, without the super-user and no-ACL shortcuts:
// some ALLOW for `who` on a pattern of this type that no DENY dominates. `acls`
// are all the bindings of the resource type in question.
bool allowed_on_some_resource(const std::vector<sdk::AclBinding>& acls, const Requester& who,
                              sdk::AclOperation requested);

}  // namespace skiff::acl

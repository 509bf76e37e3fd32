// The authorizer extension point: decides whether a principal may perform an
// operation on a resource, in Kafka's ACL vocabulary, and (optionally) keeps the
// ACLs that CreateAcls, DescribeAcls and DeleteAcls manage.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "skiff/sdk/error_code.h"
#include "skiff/sdk/security.h"

namespace skiff::sdk {

// Numbered as on the wire (DescribeAcls etc.).
enum class ResourceType : int8_t {
  kUnknown = 0, kAny = 1, kTopic = 2, kGroup = 3, kCluster = 4,
  kTransactionalId = 5, kDelegationToken = 6, kUser = 7,
};

enum class AclOperation : int8_t {
  kUnknown = 0, kAny = 1, kAll = 2, kRead = 3, kWrite = 4, kCreate = 5, kDelete = 6,
  kAlter = 7, kDescribe = 8, kClusterAction = 9, kDescribeConfigs = 10,
  kAlterConfigs = 11, kIdempotentWrite = 12, kCreateTokens = 13, kDescribeTokens = 14,
};

// How an ACL's resource name matches. kAny and kMatch appear only in filters:
// kAny matches bindings of every pattern type, kMatch matches the bindings that
// would apply to the named resource (literal, wildcard "*" and prefixes of it).
enum class PatternType : int8_t {
  kUnknown = 0, kAny = 1, kMatch = 2, kLiteral = 3, kPrefixed = 4,
};

enum class AclPermissionType : int8_t {
  kUnknown = 0, kAny = 1, kDeny = 2, kAllow = 3,
};

inline constexpr std::string_view kClusterResourceName = "kafka-cluster";
inline constexpr std::string_view kWildcardResource = "*";
inline constexpr std::string_view kWildcardPrincipal = "User:*";
inline constexpr std::string_view kWildcardHost = "*";

// The operations an ACL on a resource of `type` may name, and that authorized-
// operations fields report (Kafka's AclEntry.supportedOperations); none for
// kAny/kUnknown.
inline std::span<const AclOperation> supported_operations(ResourceType type) {
  using Op = AclOperation;
  static constexpr Op kTopic[] = {Op::kRead,     Op::kWrite,           Op::kCreate,
                                  Op::kDescribe, Op::kDelete,          Op::kAlter,
                                  Op::kDescribeConfigs, Op::kAlterConfigs};
  static constexpr Op kGroup[] = {Op::kRead, Op::kDescribe, Op::kDelete, Op::kDescribeConfigs,
                                  Op::kAlterConfigs};
  static constexpr Op kCluster[] = {Op::kCreate,       Op::kClusterAction,  Op::kDescribeConfigs,
                                    Op::kAlterConfigs, Op::kIdempotentWrite, Op::kAlter,
                                    Op::kDescribe};
  static constexpr Op kTransactionalId[] = {Op::kDescribe, Op::kWrite};
  static constexpr Op kDelegationToken[] = {Op::kDescribe};
  static constexpr Op kUser[] = {Op::kCreateTokens, Op::kDescribeTokens};
  switch (type) {
    case ResourceType::kTopic: return kTopic;
    case ResourceType::kGroup: return kGroup;
    case ResourceType::kCluster: return kCluster;
    case ResourceType::kTransactionalId: return kTransactionalId;
    case ResourceType::kDelegationToken: return kDelegationToken;
    case ResourceType::kUser: return kUser;
    default: return {};
  }
}

struct Action {
  AclOperation operation = AclOperation::kUnknown;
  ResourceType resource_type = ResourceType::kUnknown;
  std::string resource_name;  // kClusterResourceName for the cluster
  // Kafka's audit hints: a check that only filters a listing (Metadata of all
  // topics, ListGroups) is not an attempted access, so its denial is not logged.
  bool log_if_allowed = true;
  bool log_if_denied = true;
};

// One ACL, as in CreateAcls and DescribeAcls.
struct AclBinding {
  ResourceType resource_type = ResourceType::kUnknown;
  std::string resource_name;
  PatternType pattern_type = PatternType::kLiteral;
  std::string principal;  // "User:alice", or "User:*"
  std::string host;       // an address, or "*"
  AclOperation operation = AclOperation::kUnknown;
  AclPermissionType permission = AclPermissionType::kUnknown;
  bool operator==(const AclBinding&) const = default;
};

// A pattern over ACLs, as in DescribeAcls and DeleteAcls. Empty strings (and kAny
// enums) match everything.
struct AclBindingFilter {
  ResourceType resource_type = ResourceType::kAny;
  std::string resource_name;  // empty: any
  PatternType pattern_type = PatternType::kAny;
  std::string principal;      // empty: any
  std::string host;           // empty: any
  AclOperation operation = AclOperation::kAny;
  AclPermissionType permission = AclPermissionType::kAny;
};

using AclResult = Status;

struct AclDeletion {
  AclResult result;
  std::vector<AclBinding> deleted;
};

struct AclDescription {
  AclResult result;
  std::vector<AclBinding> bindings;
};

class Authorizer {
 public:
  static constexpr std::string_view kExtensionPoint = "authorizer";
  virtual ~Authorizer() = default;

  // One decision per action, in order: true means allowed. Called from many threads
  // at once, including the network threads that handle Produce and Fetch
  // themselves: decide from memory and do not block (no remote lookups, no disk).
  virtual std::vector<bool> authorize(const ConnectionIdentity& who,
                                      const std::vector<Action>& actions) = 0;

  // Whether `who` may perform `operation` on at least one resource of `type`
  // (Kafka's authorizeByResourceType, used for the idempotent producer). The
  // default answers no, which only makes such clients need an explicit grant.
  virtual bool authorize_any(const ConnectionIdentity& /*who*/, AclOperation /*operation*/,
                             ResourceType /*type*/) {
    return false;
  }

  // ACL management. An authorizer that keeps no ACLs leaves these defaults, and
  // the ACL requests are answered with SECURITY_DISABLED.
  virtual bool manages_acls() const { return false; }
  virtual std::vector<AclResult> create_acls(const ConnectionIdentity& /*who*/,
                                             const std::vector<AclBinding>& bindings) {
    return std::vector<AclResult>(bindings.size(), not_managed());
  }
  virtual std::vector<AclDeletion> delete_acls(const ConnectionIdentity& /*who*/,
                                               const std::vector<AclBindingFilter>& filters) {
    return std::vector<AclDeletion>(filters.size(), AclDeletion{not_managed(), {}});
  }
  virtual AclDescription describe_acls(const AclBindingFilter& /*filter*/) {
    return {not_managed(), {}};
  }

 protected:
  static AclResult not_managed() {
    return {ErrorCode::kSecurityDisabled, "No authorizer that manages ACLs is configured"};
  }
};

}  // namespace skiff::sdk

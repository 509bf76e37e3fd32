// The authorizer extension point: decides whether a principal may perform an
// operation on a resource, in Kafka's ACL vocabulary.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

struct Action {
  AclOperation operation = AclOperation::kUnknown;
  ResourceType resource_type = ResourceType::kUnknown;
  std::string resource_name;  // "kafka-cluster" for the cluster
};

class Authorizer {
 public:
  static constexpr std::string_view kExtensionPoint = "authorizer";
  virtual ~Authorizer() = default;
  // One decision per action, in order: true means allowed.
  virtual std::vector<bool> authorize(const ConnectionIdentity& who,
                                      const std::vector<Action>& actions) = 0;
};

}  // namespace skiff::sdk

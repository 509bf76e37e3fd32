// What CreateAcls and DeleteAcls/DescribeAcls accept, with Kafka's INVALID_REQUEST
// messages for what they do not.
#pragma once

#include "skiff/sdk/authorizer.h"

namespace skiff::acl {

// A concrete ACL: known resource, LITERAL or PREFIXED, a real operation and
// permission, a "Type:name" principal, a non-empty name ("kafka-cluster" for CLUSTER).
// The host is not checked, as in Kafka.
sdk::AclResult validate_binding(const sdk::AclBinding& binding);
// A filter may use kAny and kMatch, but no kUnknown.
sdk::AclResult validate_filter(const sdk::AclBindingFilter& filter);

}  // namespace skiff::acl

// ACLs between their wire form (CreateAcls, DescribeAcls, DeleteAcls) and the
// SDK's AclBinding / AclBindingFilter: enum codes checked against the ranges
// Kafka defines, and null strings as "match anything".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "skiff/sdk/authorizer.h"

namespace skiff::kernel::server {

struct RequestContext;

// The wire fields of one ACL or filter, whatever message they came in.
struct WireAcl {
  int8_t resource_type = 0;
  std::optional<std::string> resource_name;
  int8_t pattern_type = 0;
  std::optional<std::string> principal;
  std::optional<std::string> host;
  int8_t operation = 0;
  int8_t permission = 0;
};

// An ACL to create; nullopt (with `problem` set) when an enum is UNKNOWN or a code
// Kafka does not define. Whether ANY/MATCH may appear is the authorizer's check
// (sdk::Authorizer::create_acls validates bindings).
std::optional<sdk::AclBinding> binding_from_wire(const WireAcl& wire, std::string& problem);

// A filter; nullopt (with `problem`) when an enum is out of range or UNKNOWN.
std::optional<sdk::AclBindingFilter> filter_from_wire(const WireAcl& wire, std::string& problem);

// Why an ACL request (CreateAcls, DeleteAcls: ALTER; DescribeAcls: DESCRIBE on
// the cluster) is refused as a whole: no ACL-managing authorizer
// (SECURITY_DISABLED) or no permission; ok() when it may go ahead.
sdk::AclResult acl_request_refusal(const RequestContext& ctx, sdk::AclOperation needed);

// Sets every per-item result of a refused request to `refusal`.
template <class Results>
void refuse_all(Results& results, const sdk::AclResult& refusal) {
  for (auto& r : results) {
    r.error_code = sdk::to_wire(refusal.error);
    r.error_message = refusal.message;
  }
}

// The wire codes of a binding's enums.
inline int8_t wire_code(sdk::ResourceType v) { return static_cast<int8_t>(v); }
inline int8_t wire_code(sdk::PatternType v) { return static_cast<int8_t>(v); }
inline int8_t wire_code(sdk::AclOperation v) { return static_cast<int8_t>(v); }
inline int8_t wire_code(sdk::AclPermissionType v) { return static_cast<int8_t>(v); }

}  // namespace skiff::kernel::server

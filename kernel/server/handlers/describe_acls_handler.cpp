// DescribeAcls (key 29): the ACLs matching a filter, grouped by resource. Needs
// DESCRIBE on the cluster; SECURITY_DISABLED without an ACL-managing authorizer.
#include <map>
#include <tuple>

#include "kernel/protocol/generated/describe_acls_request.h"
#include "kernel/protocol/generated/describe_acls_response.h"
#include "kernel/server/acl_wire.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/security_handlers.h"

namespace skiff::kernel::server {

using protocol::DescribeAclsResponse;

void handle_describe_acls(RequestContext& ctx, protocol::DescribeAclsRequest& request,
                          Responder<DescribeAclsResponse> respond) {
  DescribeAclsResponse response;
  auto fail = [&](sdk::ErrorCode error, std::string message) {
    response.error_code = sdk::to_wire(error);
    response.error_message = std::move(message);
    respond.send(response);
  };
  if (auto refusal = acl_request_refusal(ctx, sdk::AclOperation::kDescribe); !refusal.ok()) {
    return fail(refusal.error, refusal.message);
  }
  std::string problem;
  auto filter = filter_from_wire(
      {request.resource_type_filter, request.resource_name_filter, request.pattern_type_filter,
       request.principal_filter, request.host_filter, request.operation, request.permission_type},
      problem);
  if (!filter) return fail(sdk::ErrorCode::kInvalidRequest, problem);

  auto described = ctx.broker.authorizer->describe_acls(*filter);
  if (!described.result.ok()) return fail(described.result.error, described.result.message);
  response.error_message.reset();
  using ResourceKey = std::tuple<int8_t, std::string, int8_t>;
  std::map<ResourceKey, size_t> index;
  for (const auto& b : described.bindings) {
    ResourceKey key{wire_code(b.resource_type), b.resource_name, wire_code(b.pattern_type)};
    auto [it, inserted] = index.emplace(key, response.resources.size());
    if (inserted) {
      DescribeAclsResponse::DescribeAclsResource resource;
      resource.resource_type = wire_code(b.resource_type);
      resource.resource_name = b.resource_name;
      resource.pattern_type = wire_code(b.pattern_type);
      response.resources.push_back(std::move(resource));
    }
    DescribeAclsResponse::AclDescription acl;
    acl.principal = b.principal;
    acl.host = b.host;
    acl.operation = wire_code(b.operation);
    acl.permission_type = wire_code(b.permission);
    response.resources[it->second].acls.push_back(std::move(acl));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server

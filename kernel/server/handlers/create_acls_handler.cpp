// CreateAcls (key 30): adds ACLs through the authorizer. Needs ALTER on the
// cluster; without an ACL-managing authorizer every creation is SECURITY_DISABLED.
#include "kernel/protocol/generated/create_acls_request.h"
#include "kernel/protocol/generated/create_acls_response.h"
#include "kernel/server/acl_wire.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/security_handlers.h"

namespace skiff::kernel::server {

using protocol::CreateAclsResponse;

void handle_create_acls(RequestContext& ctx, protocol::CreateAclsRequest& request,
                        Responder<CreateAclsResponse> respond) {
  CreateAclsResponse response;
  std::vector<CreateAclsResponse::AclCreationResult> results(request.creations.size());
  answer_acl_items(
      acl_request_refusal(ctx, sdk::AclOperation::kAlter), request.creations, results,
      [](const auto& c, std::string& problem) {
        return binding_from_wire({c.resource_type, c.resource_name, c.resource_pattern_type,
                                  c.principal, c.host, c.operation, c.permission_type},
                                 problem);
      },
      [&](const std::vector<sdk::AclBinding>& bindings) {
        return ctx.broker.authorizer->create_acls(ctx.connection->identity, bindings);
      },
      sdk::AclResult{sdk::ErrorCode::kUnknownServerError, "no answer"},
      [](auto& r, const sdk::AclResult& created) { set_acl_result(r, created); });
  response.results = std::move(results);
  respond.send(response);
}

}  // namespace skiff::kernel::server

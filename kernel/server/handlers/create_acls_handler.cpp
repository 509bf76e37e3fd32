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
  if (auto refusal = acl_request_refusal(ctx, sdk::AclOperation::kAlter); !refusal.ok()) {
    refuse_all(results, refusal);
  } else {
    std::vector<sdk::AclBinding> bindings;
    std::vector<size_t> slot;  // results index of bindings[i]
    for (size_t i = 0; i < request.creations.size(); ++i) {
      const auto& c = request.creations[i];
      std::string problem;
      auto binding = binding_from_wire({c.resource_type, c.resource_name, c.resource_pattern_type,
                                        c.principal, c.host, c.operation, c.permission_type},
                                       problem);
      if (!binding) {
        results[i].error_code = sdk::to_wire(sdk::ErrorCode::kInvalidRequest);
        results[i].error_message = problem;
        continue;
      }
      bindings.push_back(std::move(*binding));
      slot.push_back(i);
    }
    auto created = ctx.broker.authorizer->create_acls(ctx.connection->identity, bindings);
    created.resize(bindings.size(), {sdk::ErrorCode::kUnknownServerError, "no answer"});
    for (size_t i = 0; i < bindings.size(); ++i) {
      auto& r = results[slot[i]];
      r.error_code = sdk::to_wire(created[i].error);
      if (created[i].ok()) r.error_message.reset();
      else r.error_message = created[i].message;
    }
  }
  response.results = std::move(results);
  respond.send(response);
}

}  // namespace skiff::kernel::server

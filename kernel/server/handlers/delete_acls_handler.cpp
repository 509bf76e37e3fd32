// DeleteAcls (key 31): removes the ACLs matching each filter and answers with
// them. Needs ALTER on the cluster; SECURITY_DISABLED without an ACL-managing
// authorizer.
#include "kernel/protocol/generated/delete_acls_request.h"
#include "kernel/protocol/generated/delete_acls_response.h"
#include "kernel/server/acl_wire.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/security_handlers.h"

namespace skiff::kernel::server {

using protocol::DeleteAclsResponse;

namespace {

DeleteAclsResponse::DeleteAclsMatchingAcl matching_acl(const sdk::AclBinding& b) {
  DeleteAclsResponse::DeleteAclsMatchingAcl out;
  out.error_message.reset();
  out.resource_type = wire_code(b.resource_type);
  out.resource_name = b.resource_name;
  out.pattern_type = wire_code(b.pattern_type);
  out.principal = b.principal;
  out.host = b.host;
  out.operation = wire_code(b.operation);
  out.permission_type = wire_code(b.permission);
  return out;
}

}  // namespace

void handle_delete_acls(RequestContext& ctx, protocol::DeleteAclsRequest& request,
                        Responder<DeleteAclsResponse> respond) {
  DeleteAclsResponse response;
  std::vector<DeleteAclsResponse::DeleteAclsFilterResult> results(request.filters.size());
  answer_acl_items(
      acl_request_refusal(ctx, sdk::AclOperation::kAlter), request.filters, results,
      [](const auto& f, std::string& problem) {
        return filter_from_wire({f.resource_type_filter, f.resource_name_filter,
                                 f.pattern_type_filter, f.principal_filter, f.host_filter,
                                 f.operation, f.permission_type},
                                problem);
      },
      [&](const std::vector<sdk::AclBindingFilter>& filters) {
        return ctx.broker.authorizer->delete_acls(ctx.connection->identity, filters);
      },
      sdk::AclDeletion{{sdk::ErrorCode::kUnknownServerError, "no answer"}, {}},
      [](auto& r, const sdk::AclDeletion& deleted) {
        set_acl_result(r, deleted.result);
        for (const auto& b : deleted.deleted) r.matching_acls.push_back(matching_acl(b));
      });
  response.filter_results = std::move(results);
  respond.send(response);
}

}  // namespace skiff::kernel::server

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
  if (auto refusal = acl_request_refusal(ctx, sdk::AclOperation::kAlter); !refusal.ok()) {
    refuse_all(results, refusal);
  } else {
    std::vector<sdk::AclBindingFilter> filters;
    std::vector<size_t> slot;  // results index of filters[i]
    for (size_t i = 0; i < request.filters.size(); ++i) {
      const auto& f = request.filters[i];
      std::string problem;
      auto filter = filter_from_wire({f.resource_type_filter, f.resource_name_filter,
                                      f.pattern_type_filter, f.principal_filter, f.host_filter,
                                      f.operation, f.permission_type},
                                     problem);
      if (!filter) {
        results[i].error_code = sdk::to_wire(sdk::ErrorCode::kInvalidRequest);
        results[i].error_message = problem;
        continue;
      }
      filters.push_back(std::move(*filter));
      slot.push_back(i);
    }
    auto deleted = ctx.broker.authorizer->delete_acls(ctx.connection->identity, filters);
    deleted.resize(filters.size(), {{sdk::ErrorCode::kUnknownServerError, "no answer"}, {}});
    for (size_t i = 0; i < filters.size(); ++i) {
      auto& r = results[slot[i]];
      r.error_code = sdk::to_wire(deleted[i].result.error);
      if (deleted[i].result.ok()) r.error_message.reset();
      else r.error_message = deleted[i].result.message;
      for (const auto& b : deleted[i].deleted) r.matching_acls.push_back(matching_acl(b));
    }
  }
  response.filter_results = std::move(results);
  respond.send(response);
}

}  // namespace skiff::kernel::server

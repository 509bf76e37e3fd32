// DeleteGroups (key 42): deletes Empty groups with their offsets; answered once
// the deletions are durable.
#include "kernel/groups/group_coordinator.h"
#include "kernel/protocol/generated/delete_groups_request.h"
#include "kernel/protocol/generated/delete_groups_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {

void handle_delete_groups(RequestContext& ctx, protocol::DeleteGroupsRequest& request,
                          Responder<protocol::DeleteGroupsResponse> respond) {
  // Groups the client may not DELETE fail alone; the rest are deleted.
  std::vector<std::string> ids = request.groups_names;
  auto allowed = authorized_each(ctx, sdk::AclOperation::kDelete, sdk::ResourceType::kGroup, ids,
                                 std::identity{});
  std::vector<std::string> deletable;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (allowed[i]) deletable.push_back(ids[i]);
  }
  ctx.broker.groups.delete_groups(
      deletable, [respond, ids, allowed](std::vector<sdk::ErrorCode> errors) mutable {
        protocol::DeleteGroupsResponse response;
        size_t next_error = 0;
        for (size_t i = 0; i < ids.size(); ++i) {
          protocol::DeleteGroupsResponse::DeletableGroupResult r;
          r.group_id = ids[i];
          r.error_code = sdk::to_wire(allowed[i] ? errors.at(next_error++)
                                                 : sdk::ErrorCode::kGroupAuthorizationFailed);
          response.results.push_back(std::move(r));
        }
        respond.send(response);
      });
}

}  // namespace skiff::kernel::server

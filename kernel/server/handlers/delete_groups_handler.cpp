// DeleteGroups (key 42): deletes Empty groups with their offsets; answered once
// the deletions are durable.
#include "kernel/groups/group_coordinator.h"
#include "kernel/protocol/generated/delete_groups_request.h"
#include "kernel/protocol/generated/delete_groups_response.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {

void handle_delete_groups(RequestContext& ctx, protocol::DeleteGroupsRequest& request,
                          Responder<protocol::DeleteGroupsResponse> respond) {
  std::vector<std::string> ids = request.groups_names;
  ctx.broker.groups.delete_groups(
      ids, [respond, ids](std::vector<sdk::ErrorCode> errors) mutable {
        protocol::DeleteGroupsResponse response;
        for (size_t i = 0; i < ids.size(); ++i) {
          protocol::DeleteGroupsResponse::DeletableGroupResult r;
          r.group_id = ids[i];
          r.error_code = sdk::to_wire(errors[i]);
          response.results.push_back(std::move(r));
        }
        respond.send(response);
      });
}

}  // namespace skiff::kernel::server

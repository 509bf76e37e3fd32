// Heartbeat (key 12): keeps a member's session alive and tells it about rebalances.
#include "kernel/groups/group_coordinator.h"
#include "kernel/protocol/generated/heartbeat_request.h"
#include "kernel/protocol/generated/heartbeat_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {

void handle_heartbeat(RequestContext& ctx, protocol::HeartbeatRequest& request,
                      Responder<protocol::HeartbeatResponse> respond) {
  protocol::HeartbeatResponse response;
  response.error_code = sdk::to_wire(
      authorized(ctx, sdk::AclOperation::kRead, sdk::ResourceType::kGroup, request.group_id)
          ? ctx.broker.groups.heartbeat(request.group_id, request.member_id,
                                        request.group_instance_id, request.generation_id)
          : sdk::ErrorCode::kGroupAuthorizationFailed);
  respond.send(response);
}

}  // namespace skiff::kernel::server

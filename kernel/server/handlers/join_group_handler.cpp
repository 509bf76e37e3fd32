// JoinGroup (key 11): joins a consumer group or starts a rebalance; the response
// waits for the rebalance to complete (or for its errors).
#include "kernel/groups/group_coordinator.h"
#include "kernel/protocol/generated/join_group_request.h"
#include "kernel/protocol/generated/join_group_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {
namespace {

using protocol::JoinGroupResponse;

JoinGroupResponse to_response(groups::JoinResult result, int16_t version) {
  JoinGroupResponse out;
  out.error_code = sdk::to_wire(result.error);
  out.generation_id = result.generation_id;
  out.protocol_type = std::move(result.protocol_type);
  // The protocol name is nullable only from v7 on.
  if (version >= 7) {
    out.protocol_name = std::move(result.protocol_name);
  } else {
    out.protocol_name = result.protocol_name.value_or("");
  }
  out.leader = std::move(result.leader);
  out.skip_assignment = result.skip_assignment;
  out.member_id = std::move(result.member_id);
  for (auto& m : result.members) {
    JoinGroupResponse::JoinGroupResponseMember member;
    member.member_id = std::move(m.member_id);
    member.group_instance_id = std::move(m.group_instance_id);
    member.metadata = std::move(m.metadata);
    out.members.push_back(std::move(member));
  }
  return out;
}

}  // namespace

void handle_join_group(RequestContext& ctx, protocol::JoinGroupRequest& request,
                       Responder<JoinGroupResponse> respond) {
  const int16_t version = respond.version();
  groups::JoinRequest join;
  join.member_id = request.member_id;
  join.group_instance_id = request.group_instance_id;
  join.client_id = ctx.client_id;
  join.client_host = "/" + ctx.connection->identity.client_host;  // as Kafka shows hosts
  join.session_timeout_ms = request.session_timeout_ms;
  // v0 had no rebalance timeout: the session timeout served as both.
  join.rebalance_timeout_ms = version >= 1 ? request.rebalance_timeout_ms : request.session_timeout_ms;
  join.protocol_type = request.protocol_type;
  for (auto& p : request.protocols) join.protocols.push_back(groups::Protocol{p.name, std::move(p.metadata)});
  join.require_known_member_id = version >= 4;
  join.supports_skip_assignment = version >= 9;
  join.reason = request.reason.value_or("");
  if (!authorized(ctx, sdk::AclOperation::kRead, sdk::ResourceType::kGroup, request.group_id)) {
    respond.send(to_response(
        groups::JoinResult::failed(sdk::ErrorCode::kGroupAuthorizationFailed, join.member_id),
        version));
    return;
  }
  if (join.group_instance_id && join.group_instance_id->empty()) {
    respond.send(to_response(groups::JoinResult::failed(sdk::ErrorCode::kInvalidRequest, join.member_id),
                             version));
    return;
  }
  ctx.broker.groups.join_group(request.group_id, std::move(join),
                               [respond, version](groups::JoinResult result) mutable {
                                 respond.send(to_response(std::move(result), version));
                               });
}

}  // namespace skiff::kernel::server

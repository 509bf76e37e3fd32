// DescribeGroups (key 15): state, protocol and members of groups; member metadata
// and assignments only while a group is Stable. Unknown groups are Dead.
#include "kernel/groups/group_coordinator.h"
#include "kernel/protocol/generated/describe_groups_request.h"
#include "kernel/protocol/generated/describe_groups_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {

void handle_describe_groups(RequestContext& ctx, protocol::DescribeGroupsRequest& request,
                            Responder<protocol::DescribeGroupsResponse> respond) {
  protocol::DescribeGroupsResponse response;
  for (const auto& group_id : request.groups) {
    protocol::DescribeGroupsResponse::DescribedGroup out;
    if (!authorized(ctx, sdk::AclOperation::kDescribe, sdk::ResourceType::kGroup, group_id)) {
      out.group_id = group_id;
      out.error_code = sdk::to_wire(sdk::ErrorCode::kGroupAuthorizationFailed);
      response.groups.push_back(std::move(out));
      continue;
    }
    auto d = ctx.broker.groups.describe_group(group_id);
    out.error_code = sdk::to_wire(d.error);
    out.group_id = group_id;
    out.group_state = std::string(groups::to_string(d.state));
    out.protocol_type = d.protocol_type;
    out.protocol_data = d.protocol_name;
    for (auto& m : d.members) {
      protocol::DescribeGroupsResponse::DescribedGroupMember member;
      member.member_id = std::move(m.member_id);
      member.group_instance_id = std::move(m.instance_id);
      member.client_id = std::move(m.client_id);
      member.client_host = std::move(m.client_host);
      member.member_metadata = std::move(m.metadata);
      member.member_assignment = std::move(m.assignment);
      out.members.push_back(std::move(member));
    }
    if (request.include_authorized_operations) {
      out.authorized_operations = authorized_operations(ctx, sdk::ResourceType::kGroup, group_id);
    }
    response.groups.push_back(std::move(out));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server

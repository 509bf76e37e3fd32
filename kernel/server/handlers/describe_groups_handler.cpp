// DescribeGroups (key 15): state, protocol and members of groups; member metadata
// and assignments only while a group is Stable. Unknown groups are Dead.
#include "kernel/groups/group_coordinator.h"
#include "kernel/protocol/generated/describe_groups_request.h"
#include "kernel/protocol/generated/describe_groups_response.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {
namespace {

using protocol::DescribeGroupsResponse;

// The operations Kafka defines on a group, as DescribeGroups reports them (v3+).
int32_t authorized_operations(RequestContext& ctx, const std::string& group_id) {
  using sdk::AclOperation;
  const AclOperation ops[] = {AclOperation::kRead, AclOperation::kDelete, AclOperation::kDescribe,
                              AclOperation::kDescribeConfigs, AclOperation::kAlterConfigs};
  std::vector<sdk::Action> actions;
  for (AclOperation op : ops) actions.push_back(sdk::Action{op, sdk::ResourceType::kGroup, group_id});
  std::vector<bool> allowed(actions.size(), true);
  if (ctx.broker.authorizer) allowed = ctx.broker.authorizer->authorize(ctx.connection->identity, actions);
  int32_t bits = 0;
  for (size_t i = 0; i < actions.size(); ++i) {
    if (allowed[i]) bits |= 1 << static_cast<int>(actions[i].operation);
  }
  return bits;
}

}  // namespace

void handle_describe_groups(RequestContext& ctx, protocol::DescribeGroupsRequest& request,
                            Responder<DescribeGroupsResponse> respond) {
  DescribeGroupsResponse response;
  for (const auto& group_id : request.groups) {
    auto d = ctx.broker.groups.describe_group(group_id);
    DescribeGroupsResponse::DescribedGroup out;
    out.error_code = sdk::to_wire(d.error);
    out.group_id = group_id;
    out.group_state = std::string(groups::to_string(d.state));
    out.protocol_type = d.protocol_type;
    out.protocol_data = d.protocol_name;
    for (auto& m : d.members) {
      DescribeGroupsResponse::DescribedGroupMember member;
      member.member_id = std::move(m.member_id);
      member.group_instance_id = std::move(m.instance_id);
      member.client_id = std::move(m.client_id);
      member.client_host = std::move(m.client_host);
      member.member_metadata = std::move(m.metadata);
      member.member_assignment = std::move(m.assignment);
      out.members.push_back(std::move(member));
    }
    if (request.include_authorized_operations) {
      out.authorized_operations = authorized_operations(ctx, group_id);
    }
    response.groups.push_back(std::move(out));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server

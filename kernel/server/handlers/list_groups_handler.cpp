// ListGroups (key 16): the groups this coordinator holds, filtered by state (v4+)
// and type (v5+); every group here is of the "classic" type.
#include <algorithm>
#include <cctype>

#include "kernel/groups/group_coordinator.h"
#include "kernel/protocol/generated/list_groups_request.h"
#include "kernel/protocol/generated/list_groups_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {
namespace {

constexpr std::string_view kClassicType = "classic";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Empty filter: everything. Filters are matched case-insensitively, as Kafka does.
bool state_wanted(const std::vector<std::string>& filter, groups::GroupState state) {
  if (filter.empty()) return true;
  return std::any_of(filter.begin(), filter.end(),
                     [&](const std::string& f) { return groups::parse_group_state(f) == state; });
}

bool type_wanted(const std::vector<std::string>& filter) {
  if (filter.empty()) return true;
  return std::any_of(filter.begin(), filter.end(), [](const std::string& f) { return lower(f) == kClassicType; });
}

}  // namespace

void handle_list_groups(RequestContext& ctx, protocol::ListGroupsRequest& request,
                        Responder<protocol::ListGroupsResponse> respond) {
  groups::GroupCoordinator::GroupList list = ctx.broker.groups.list_groups();
  protocol::ListGroupsResponse response;
  response.error_code = sdk::to_wire(list.error);
  // Kafka: DESCRIBE on the cluster shows every group, else those the client may
  // DESCRIBE; a listing is no attempted access, so no denial is audited.
  const bool all_visible =
      authorized_on_cluster(ctx, sdk::AclOperation::kDescribe, AuditDenials::kNo);
  if (type_wanted(request.types_filter)) {
    using Listing = groups::GroupCoordinator::GroupListing;
    std::vector<const Listing*> wanted;
    for (const auto& g : list.groups) {
      if (state_wanted(request.states_filter, g.state)) wanted.push_back(&g);
    }
    auto group_id = [](const Listing* g) -> const std::string& { return g->group_id; };
    const auto visible = all_visible ? std::vector<bool>(wanted.size(), true)
                                     : authorized_each(ctx, sdk::AclOperation::kDescribe,
                                                       sdk::ResourceType::kGroup, wanted, group_id,
                                                       AuditDenials::kNo);
    for (size_t i = 0; i < wanted.size(); ++i) {
      if (!visible[i]) continue;
      const auto& g = *wanted[i];
      protocol::ListGroupsResponse::ListedGroup out;
      out.group_id = g.group_id;
      out.protocol_type = g.protocol_type;
      out.group_state = std::string(groups::to_string(g.state));
      out.group_type = std::string(kClassicType);
      response.groups.push_back(std::move(out));
    }
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server

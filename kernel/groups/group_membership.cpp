// GroupCoordinator: JoinGroup, SyncGroup, Heartbeat and LeaveGroup, with the
// group-level errors Kafka gives before a group's state machine is consulted.
#include "kernel/groups/group_coordinator.h"
#include "kernel/groups/group_id.h"

namespace skiff::kernel::groups {

using sdk::ErrorCode;

void GroupCoordinator::join_group(const std::string& group_id, JoinRequest request,
                                  JoinCallback done) {
  if (!valid_group_id(group_id, false)) {
    done(JoinResult::failed(ErrorCode::kInvalidGroupId, request.member_id));
    return;
  }
  // Checked before a group is created for the request.
  if (request.session_timeout_ms < config_.min_session_timeout_ms ||
      request.session_timeout_ms > config_.max_session_timeout_ms) {
    done(JoinResult::failed(ErrorCode::kInvalidSessionTimeout, request.member_id));
    return;
  }
  // Only a member without an id creates the group; a known id of an unknown
  // group is stale.
  Lookup found = lookup(group_id, request.member_id.empty());
  if (found.error != ErrorCode::kNone || !found.entry) {
    ErrorCode error = found.error != ErrorCode::kNone ? found.error : ErrorCode::kUnknownMemberId;
    done(JoinResult::failed(error, request.member_id));
    return;
  }
  std::lock_guard lock(found.entry->mutex);
  Now now = clock_();
  found.entry->group.join(request, now, std::move(done));
  settle(found.entry, now);
}

void GroupCoordinator::sync_group(const std::string& group_id, SyncRequest request,
                                  SyncCallback done) {
  auto fail = [&](ErrorCode error) { done(SyncResult{error, std::nullopt, std::nullopt, {}}); };
  if (!valid_group_id(group_id, false)) return fail(ErrorCode::kInvalidGroupId);
  Lookup found = lookup(group_id, false);
  // A loading coordinator has lost the rebalance: REBALANCE_IN_PROGRESS makes the
  // member rejoin without looking for the coordinator again (older clients do not
  // expect COORDINATOR_LOAD_IN_PROGRESS here).
  if (found.error == ErrorCode::kCoordinatorLoadInProgress) return fail(ErrorCode::kRebalanceInProgress);
  if (found.error != ErrorCode::kNone) return fail(found.error);
  if (!found.entry) return fail(ErrorCode::kUnknownMemberId);
  std::lock_guard lock(found.entry->mutex);
  Now now = clock_();
  found.entry->group.sync(request, now, std::move(done));
  settle(found.entry, now);
}

ErrorCode GroupCoordinator::heartbeat(const std::string& group_id, const std::string& member_id,
                                      const std::optional<std::string>& instance_id,
                                      int32_t generation) {
  if (!valid_group_id(group_id, false)) return ErrorCode::kInvalidGroupId;
  Lookup found = lookup(group_id, false);
  // While loading, members are told all is well: the group comes back as stored.
  if (found.error == ErrorCode::kCoordinatorLoadInProgress) return ErrorCode::kNone;
  if (found.error != ErrorCode::kNone) return found.error;
  if (!found.entry) return ErrorCode::kUnknownMemberId;
  std::lock_guard lock(found.entry->mutex);
  Now now = clock_();
  ErrorCode error = found.entry->group.heartbeat(member_id, instance_id, generation, now);
  settle(found.entry, now);
  return error;
}

GroupCoordinator::LeaveResult GroupCoordinator::leave_group(
    const std::string& group_id, const std::vector<LeavingMember>& members) {
  LeaveResult result;
  if (!valid_group_id(group_id, false)) {
    result.error = ErrorCode::kInvalidGroupId;
    return result;
  }
  Lookup found = lookup(group_id, false);
  if (found.error != ErrorCode::kNone) {
    result.error = found.error;
    return result;
  }
  if (!found.entry) {
    result.members.assign(members.size(), ErrorCode::kUnknownMemberId);
    return result;
  }
  std::lock_guard lock(found.entry->mutex);
  ClassicGroup& group = found.entry->group;
  if (group.is(GroupState::kDead)) {
    result.error = ErrorCode::kCoordinatorNotAvailable;
    return result;
  }
  Now now = clock_();
  for (const auto& member : members) result.members.push_back(group.leave(member, now));
  settle(found.entry, now);
  return result;
}

}  // namespace skiff::kernel::groups

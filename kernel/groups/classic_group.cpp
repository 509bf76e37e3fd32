// The classic rebalance state machine; see classic_group.h. The logic and the
// error codes follow Kafka's GroupCoordinator (classic groups) state for state.
#include "kernel/groups/classic_group.h"

#include <algorithm>
#include <limits>
#include <map>

#include "kernel/groups/consumer_subscription.h"

namespace skiff::kernel::groups {

using sdk::ErrorCode;

namespace {

// A member's protocols with duplicate names dropped (the first one counts), so
// that counting support per protocol stays exact.
std::vector<Protocol> unique_protocols(const std::vector<Protocol>& protocols) {
  std::vector<Protocol> out;
  for (const auto& p : protocols) {
    bool seen = std::any_of(out.begin(), out.end(), [&](const Protocol& q) { return q.name == p.name; });
    if (!seen) out.push_back(p);
  }
  return out;
}

}  // namespace

ClassicGroup::ClassicGroup(std::string id, GroupHost& host, const Now& now)
    : id_(std::move(id)), host_(host), state_timestamp_ms_(now.wall_ms) {}

ClassicGroup::ClassicGroup(std::string id, GroupHost& host, const StoredGroup& stored,
                           const Now& now)
    : id_(std::move(id)), host_(host) {
  if (!stored.protocol_type.empty()) protocol_type_ = stored.protocol_type;
  generation_ = stored.generation_id;
  state_timestamp_ms_ = stored.state_timestamp_ms;
  // Members are only meaningful with the protocol they were assigned under.
  if (stored.protocol_name) {
    protocol_name_ = stored.protocol_name;
    for (const auto& s : stored.members) {
      auto m = std::make_unique<Member>();
      m->id = s.member_id;
      m->instance_id = s.group_instance_id;
      m->client_id = s.client_id;
      m->client_host = s.client_host;
      m->rebalance_timeout_ms = s.rebalance_timeout_ms;
      m->session_timeout_ms = s.session_timeout_ms;
      m->protocols = {Protocol{*stored.protocol_name, s.subscription}};
      m->assignment = s.assignment;
      if (m->instance_id) static_members_[*m->instance_id] = m->id;
      count_protocols(*m, +1);
      Member& ref = *m;
      members_.emplace(ref.id, std::move(m));
      schedule_heartbeat(ref, now, ref.session_timeout_ms);
    }
  }
  if (members_.empty()) {
    state_ = GroupState::kEmpty;
    protocol_name_.reset();
  } else {
    state_ = GroupState::kStable;
    leader_ = stored.leader;
    if (!leader_ || !members_.count(*leader_)) leader_ = members_.begin()->first;
  }
  subscribed_topics_ = compute_subscribed_topics();
  if (static_cast<int64_t>(members_.size()) > host_.config().max_size) {
    // Give the members a chance to commit before the group shrinks to the limit.
    prepare_rebalance(now, "freshly loaded group is over group.max.size");
  }
}

bool ClassicGroup::is_subscribed_to(const std::string& topic) const {
  return !subscribed_topics_ || subscribed_topics_->count(topic) != 0;
}

// ---------------------------------------------------------------- JoinGroup

void ClassicGroup::join(const JoinRequest& request, const Now& now, JoinCallback done) {
  const GroupConfig& config = host_.config();
  if (request.session_timeout_ms < config.min_session_timeout_ms ||
      request.session_timeout_ms > config.max_session_timeout_ms) {
    done(JoinResult::failed(ErrorCode::kInvalidSessionTimeout, request.member_id));
    return;
  }
  if (!accept_joining_member(request.member_id)) {
    if (Member* m = find(request.member_id)) {
      remove_member_and_update_group(*m, now);
    } else {
      remove(request.member_id);  // a pending member id
    }
    done(JoinResult::failed(ErrorCode::kGroupMaxSizeReached, ""));
  } else if (request.member_id.empty()) {
    join_new_member(request, now, done);
  } else {
    join_existing_member(request, now, done);
  }
  if (is(GroupState::kPreparingRebalance)) maybe_complete_join(now);
}

bool ClassicGroup::accept_joining_member(const std::string& member_id) const {
  const int64_t max = host_.config().max_size;
  switch (state_) {
    case GroupState::kEmpty:
    case GroupState::kDead:
      return true;
    case GroupState::kPreparingRebalance: {
      // Awaiting members are counted, not the group size: the size may exceed a
      // lowered limit, and this lets the last rejoining members be turned away.
      Member* m = find(member_id);
      return (m && m->is_awaiting_join()) || awaiting_join_count_ < max;
    }
    case GroupState::kCompletingRebalance:
    case GroupState::kStable:
      return find(member_id) != nullptr || static_cast<int64_t>(members_.size()) < max;
  }
  return false;
}

void ClassicGroup::join_new_member(const JoinRequest& request, const Now& now,
                                   JoinCallback& done) {
  if (is(GroupState::kDead)) {
    // Deleted or unloaded meanwhile: the client finds the coordinator again.
    done(JoinResult::failed(ErrorCode::kCoordinatorNotAvailable, ""));
    return;
  }
  if (!supports_protocols(request.protocol_type, request.protocols)) {
    done(JoinResult::failed(ErrorCode::kInconsistentGroupProtocol, ""));
    return;
  }
  std::string new_id =
      host_.new_member_id(request.group_instance_id ? *request.group_instance_id : request.client_id);
  if (request.group_instance_id) {
    auto existing = static_members_.find(*request.group_instance_id);
    if (existing != static_members_.end()) {
      std::string old_id = existing->second;
      update_static_member_and_rebalance(old_id, new_id, request, now, std::move(done));
    } else {
      add_member_and_rebalance(new_id, request, now, std::move(done));
    }
  } else if (request.require_known_member_id) {
    // KIP-394: hand out the id and expect a second JoinGroup with it, so that a
    // client whose first JoinGroup timed out does not leave a ghost member.
    pending_members_.schedule(new_id, now.mono_ms + request.session_timeout_ms);
    done(JoinResult::failed(ErrorCode::kMemberIdRequired, new_id));
  } else {
    add_member_and_rebalance(new_id, request, now, std::move(done));
  }
}

void ClassicGroup::join_existing_member(const JoinRequest& request, const Now& now,
                                        JoinCallback& done) {
  const std::string& member_id = request.member_id;
  if (is(GroupState::kDead)) {
    done(JoinResult::failed(ErrorCode::kCoordinatorNotAvailable, member_id));
    return;
  }
  if (!supports_protocols(request.protocol_type, request.protocols)) {
    done(JoinResult::failed(ErrorCode::kInconsistentGroupProtocol, member_id));
    return;
  }
  if (pending_members_.contains(member_id)) {
    // Pending ids are only handed to dynamic members.
    if (request.group_instance_id) {
      done(JoinResult::failed(ErrorCode::kUnknownMemberId, member_id));
      return;
    }
    add_member_and_rebalance(member_id, request, now, std::move(done));
    return;
  }
  ErrorCode error = validate_current_member(member_id, request.group_instance_id);
  if (error != ErrorCode::kNone) {
    done(JoinResult::failed(error, member_id));
    return;
  }
  Member& member = *find(member_id);
  switch (state_) {
    case GroupState::kPreparingRebalance:
      update_member_and_rebalance(member, request, now, std::move(done));
      return;
    case GroupState::kCompletingRebalance:
      if (member.matches(unique_protocols(request.protocols))) {
        // The same metadata again (its JoinGroup response was lost): answer with
        // the current generation.
        done(current_generation_result(member, leader_ == member_id));
      } else {
        update_member_and_rebalance(member, request, now, std::move(done));
      }
      return;
    case GroupState::kStable:
      if (leader_ == member_id || !member.matches(unique_protocols(request.protocols))) {
        // A leader's JoinGroup forces a rebalance: that is how it reacts to changes
        // the member metadata does not show (e.g. new partitions).
        update_member_and_rebalance(member, request, now, std::move(done));
      } else {
        done(current_generation_result(member, false));
      }
      return;
    case GroupState::kEmpty:
    case GroupState::kDead:
      done(JoinResult::failed(ErrorCode::kUnknownMemberId, member_id));
      return;
  }
}

void ClassicGroup::add_member_and_rebalance(const std::string& member_id,
                                            const JoinRequest& request, const Now& now,
                                            JoinCallback done) {
  auto member = std::make_unique<Member>();
  member->id = member_id;
  member->instance_id = request.group_instance_id;
  member->client_id = request.client_id;
  member->client_host = request.client_host;
  member->rebalance_timeout_ms = request.rebalance_timeout_ms;
  member->session_timeout_ms = request.session_timeout_ms;
  member->protocols = unique_protocols(request.protocols);
  member->is_new = true;
  if (members_.empty()) protocol_type_ = request.protocol_type;
  // More members during the first rebalance may extend the initial delay.
  if (is(GroupState::kPreparingRebalance) && generation_ == 0) new_member_added_ = true;
  Member& ref = *member;
  add(std::move(member), std::move(done));
  // A new member cannot heartbeat before its join completes, and a parked join
  // does not show a disconnect, so its join is bounded on its own.
  schedule_heartbeat(ref, now, host_.config().new_member_join_timeout_ms);
  maybe_prepare_rebalance(now, "adding new member " + member_id);
}

void ClassicGroup::update_member_and_rebalance(Member& member, const JoinRequest& request,
                                               const Now& now, JoinCallback done) {
  update_member(member, unique_protocols(request.protocols), request.rebalance_timeout_ms,
                request.session_timeout_ms, std::move(done));
  maybe_prepare_rebalance(now, "member " + member.id + " rejoining");
}

void ClassicGroup::update_static_member_and_rebalance(const std::string& old_id,
                                                      const std::string& new_id,
                                                      const JoinRequest& request, const Now& now,
                                                      JoinCallback done) {
  const std::string& instance_id = *request.group_instance_id;
  std::optional<std::string> old_leader = leader_;
  Member& member = replace_static_member(instance_id, old_id, new_id);
  schedule_heartbeat(member, now, member.session_timeout_ms);
  std::vector<Protocol> old_protocols = member.protocols;
  update_member(member, unique_protocols(request.protocols), request.rebalance_timeout_ms,
                request.session_timeout_ms, std::move(done));
  switch (state_) {
    case GroupState::kStable: {
      if (protocol_name_ != select_protocol()) {
        maybe_prepare_rebalance(now, "static member " + instance_id + " changed its protocols");
        return;
      }
      // The restarted static member takes its old place without a rebalance; the
      // new member id must be durable before it is handed out.
      bool skip = request.supports_skip_assignment;
      host_.persist(*this, snapshot(),
                    [this, instance_id, old_id, new_id, old_leader,
                     old_protocols = std::move(old_protocols), skip](ErrorCode error,
                                                                    const Now& at) mutable {
                      on_static_member_stored(instance_id, old_id, new_id, old_leader,
                                              std::move(old_protocols), skip, error, at);
                    });
      return;
    }
    case GroupState::kCompletingRebalance:
      // The leader may already be assigning with the old member id: start over.
      prepare_rebalance(now, "static member " + instance_id + " rejoined during a rebalance");
      return;
    case GroupState::kPreparingRebalance:
    case GroupState::kEmpty:
    case GroupState::kDead:
      return;
  }
}

void ClassicGroup::on_static_member_stored(const std::string& instance_id,
                                           const std::string& old_id, const std::string& new_id,
                                           const std::optional<std::string>& old_leader,
                                           std::vector<Protocol> old_protocols,
                                           bool skip_assignment, ErrorCode error, const Now& now) {
  Member* member = find(new_id);
  auto mapped = static_members_.find(instance_id);
  // Something else happened to the member meanwhile (left, fenced, rebalanced): that
  // path has answered its JoinGroup already.
  if (!member || !member->is_awaiting_join() || mapped == static_members_.end() ||
      mapped->second != new_id) {
    return;
  }
  if (error != ErrorCode::kNone) {
    // Not durable: the previous incarnation keeps the place.
    JoinResult failed = current_generation_result(*member, false);
    failed.error = error;
    failed.member_id.clear();
    failed.leader = old_leader.value_or("");
    invoke_join(*member, std::move(failed));
    update_member(*member, std::move(old_protocols), member->rebalance_timeout_ms,
                  member->session_timeout_ms, nullptr);
    Member& restored = replace_static_member(instance_id, new_id, old_id);
    schedule_heartbeat(restored, now, restored.session_timeout_ms);
    return;
  }
  JoinResult result;
  if (skip_assignment) {
    // JoinGroup v9+: the leader learns it leads but must not run the assignor,
    // since the stable group would ignore a new assignment.
    bool is_leader = leader_ == new_id;
    result = current_generation_result(*member, is_leader);
    result.skip_assignment = is_leader;
  } else {
    // Older clients are told the old leader id, so a restarted leader does not
    // compute an assignment that a stable group would not send out.
    result = current_generation_result(*member, false);
    result.leader = old_leader.value_or("");
  }
  invoke_join(*member, std::move(result));
}

JoinResult ClassicGroup::current_generation_result(const Member& member, bool with_members) const {
  JoinResult r;
  r.generation_id = generation_;
  r.protocol_type = protocol_type_;
  r.protocol_name = protocol_name_;
  r.leader = leader_.value_or("");
  r.member_id = member.id;
  if (with_members && protocol_name_) {
    for (const auto& [id, m] : members_) {
      const Bytes* metadata = m->metadata_for(*protocol_name_);
      r.members.push_back(JoinedMember{id, m->instance_id, metadata ? *metadata : Bytes{}});
    }
  }
  return r;
}

// ---------------------------------------------------------------- SyncGroup

void ClassicGroup::sync(const SyncRequest& request, const Now& now, SyncCallback done) {
  auto fail = [&](ErrorCode error) { done(SyncResult{error, std::nullopt, std::nullopt, {}}); };
  if (is(GroupState::kDead)) return fail(ErrorCode::kCoordinatorNotAvailable);
  ErrorCode error = validate_current_member(request.member_id, request.group_instance_id);
  if (error != ErrorCode::kNone) return fail(error);
  if (request.generation_id != generation_) return fail(ErrorCode::kIllegalGeneration);
  if ((request.protocol_type && protocol_type_ != request.protocol_type) ||
      (request.protocol_name && protocol_name_ != request.protocol_name)) {
    return fail(ErrorCode::kInconsistentGroupProtocol);
  }
  Member& member = *find(request.member_id);
  switch (state_) {
    case GroupState::kEmpty:
      return fail(ErrorCode::kUnknownMemberId);
    case GroupState::kPreparingRebalance:
      return fail(ErrorCode::kRebalanceInProgress);
    case GroupState::kCompletingRebalance:
      // A repeated SyncGroup (from a reconnected client) replaces the parked one.
      invoke_sync(member, SyncResult{ErrorCode::kRebalanceInProgress, {}, {}, {}});
      member.awaiting_sync = std::move(done);
      pending_sync_.erase(member.id);
      if (leader_ == member.id) store_assignment(member.id, request);
      return;
    case GroupState::kStable:
      pending_sync_.erase(member.id);
      schedule_heartbeat(member, now, member.session_timeout_ms);
      done(SyncResult{ErrorCode::kNone, protocol_type_, protocol_name_, member.assignment});
      return;
    case GroupState::kDead:
      return fail(ErrorCode::kCoordinatorNotAvailable);
  }
}

void ClassicGroup::store_assignment(const std::string& leader_id, const SyncRequest& request) {
  std::unordered_map<std::string, Bytes> assignment;
  for (const auto& [id, m] : members_) assignment[id];  // members the leader left out get nothing
  for (const auto& [id, bytes] : request.assignments) {
    auto it = assignment.find(id);
    if (it != assignment.end()) it->second = bytes;
  }
  host_.logger().info("group " + id_ + ": assignment received from leader " + leader_id +
                      " for generation " + std::to_string(generation_) + ", " +
                      std::to_string(members_.size()) + " members");
  StoredGroup stored = snapshot();
  for (auto& m : stored.members) m.assignment = assignment.at(m.member_id);
  int32_t generation = generation_;
  host_.persist(*this, std::move(stored),
                [this, generation, assignment = std::move(assignment)](ErrorCode error,
                                                                       const Now& at) {
                  // Another rebalance may have started while the write was under way.
                  if (!is(GroupState::kCompletingRebalance) || generation_ != generation) return;
                  if (error != ErrorCode::kNone) {
                    reset_and_propagate_assignment_error(error, at);
                    maybe_prepare_rebalance(at, "storing the assignment failed");
                  } else {
                    set_and_propagate_assignment(assignment, at);
                    transition(GroupState::kStable, at);
                  }
                });
}

void ClassicGroup::reset_and_propagate_assignment_error(ErrorCode error, const Now& now) {
  for (auto& [id, m] : members_) {
    m->assignment.clear();
    if (m->is_awaiting_sync()) {
      invoke_sync(*m, SyncResult{error, std::nullopt, std::nullopt, {}});
      schedule_heartbeat(*m, now, m->session_timeout_ms);
    }
  }
}

void ClassicGroup::set_and_propagate_assignment(
    const std::unordered_map<std::string, Bytes>& assignment, const Now& now) {
  for (auto& [id, m] : members_) {
    auto it = assignment.find(id);
    m->assignment = it != assignment.end() ? it->second : Bytes{};
    if (m->is_awaiting_sync()) {
      invoke_sync(*m, SyncResult{ErrorCode::kNone, protocol_type_, protocol_name_, m->assignment});
      schedule_heartbeat(*m, now, m->session_timeout_ms);
    }
  }
}

// ---------------------------------------------------------------- Heartbeat, LeaveGroup, commits

ErrorCode ClassicGroup::heartbeat(const std::string& member_id,
                                  const std::optional<std::string>& instance_id,
                                  int32_t generation, const Now& now) {
  if (is(GroupState::kDead)) return ErrorCode::kCoordinatorNotAvailable;
  ErrorCode error = validate_current_member(member_id, instance_id);
  if (error != ErrorCode::kNone) return error;
  if (generation != generation_) return ErrorCode::kIllegalGeneration;
  Member& member = *find(member_id);
  switch (state_) {
    case GroupState::kEmpty:
    case GroupState::kDead:
      return ErrorCode::kUnknownMemberId;
    case GroupState::kCompletingRebalance:
    case GroupState::kStable:
      schedule_heartbeat(member, now, member.session_timeout_ms);
      return ErrorCode::kNone;
    case GroupState::kPreparingRebalance:
      schedule_heartbeat(member, now, member.session_timeout_ms);
      return ErrorCode::kRebalanceInProgress;
  }
  return ErrorCode::kUnknownServerError;
}

ErrorCode ClassicGroup::leave(const LeavingMember& leaving, const Now& now) {
  if (leaving.member_id.empty()) {
    // Administrative removal by instance id (KIP-345).
    if (!leaving.group_instance_id) return ErrorCode::kUnknownMemberId;
    auto it = static_members_.find(*leaving.group_instance_id);
    if (it == static_members_.end()) return ErrorCode::kUnknownMemberId;
    remove_member_and_update_group(*find(it->second), now);
    return ErrorCode::kNone;
  }
  if (pending_members_.contains(leaving.member_id)) {
    remove_pending_member_and_update_group(leaving.member_id, now);
    return ErrorCode::kNone;
  }
  ErrorCode error = validate_current_member(leaving.member_id, leaving.group_instance_id);
  if (error != ErrorCode::kNone) return error;
  host_.logger().info("group " + id_ + ": member " + leaving.member_id + " left (reason: " +
                      leaving.reason.value_or("not provided") + ")");
  remove_member_and_update_group(*find(leaving.member_id), now);
  return ErrorCode::kNone;
}

ErrorCode ClassicGroup::validate_offset_commit(const std::string& member_id,
                                               const std::optional<std::string>& instance_id,
                                               int32_t generation, bool transactional,
                                               const Now& now) {
  if (is(GroupState::kDead)) return ErrorCode::kCoordinatorNotAvailable;
  if (generation >= 0 || !member_id.empty() || instance_id) {
    ErrorCode error = validate_current_member(member_id, instance_id);
    if (error != ErrorCode::kNone) return error;
    if (generation != generation_) return ErrorCode::kIllegalGeneration;
  } else if (!transactional && !is(GroupState::kEmpty)) {
    // Only members may commit while the group has members.
    return ErrorCode::kUnknownMemberId;
  }
  if (transactional) return ErrorCode::kNone;
  switch (state_) {
    case GroupState::kEmpty:
      return ErrorCode::kNone;
    case GroupState::kCompletingRebalance:
      // The member knows the new generation but not its assignment yet.
      return ErrorCode::kRebalanceInProgress;
    case GroupState::kStable:
    case GroupState::kPreparingRebalance:
      // Commits are allowed during a rebalance; the heartbeat tells the member.
      if (Member* m = find(member_id)) schedule_heartbeat(*m, now, m->session_timeout_ms);
      return ErrorCode::kNone;
    case GroupState::kDead:
      return ErrorCode::kCoordinatorNotAvailable;
  }
  return ErrorCode::kUnknownServerError;
}

ErrorCode ClassicGroup::mark_dead_for_deletion(const Now& now) {
  switch (state_) {
    case GroupState::kDead:
      return ErrorCode::kGroupIdNotFound;
    case GroupState::kEmpty:
      unload(ErrorCode::kCoordinatorNotAvailable, now);
      return ErrorCode::kNone;
    default:
      return ErrorCode::kNonEmptyGroup;
  }
}

void ClassicGroup::unload(ErrorCode error, const Now& now) {
  transition(GroupState::kDead, now);
  for (auto& [id, m] : members_) {
    invoke_join(*m, JoinResult::failed(error, id));
    invoke_sync(*m, SyncResult{error, std::nullopt, std::nullopt, {}});
  }
  heartbeats_.clear();
  pending_members_.clear();
  join_wait_ = JoinWait::kNone;
  sync_deadline_.reset();
}

// ---------------------------------------------------------------- membership bookkeeping

Member* ClassicGroup::find(const std::string& member_id) const {
  auto it = members_.find(member_id);
  return it == members_.end() ? nullptr : it->second.get();
}

ErrorCode ClassicGroup::validate_current_member(
    const std::string& member_id, const std::optional<std::string>& instance_id) const {
  if (instance_id) {
    auto it = static_members_.find(*instance_id);
    if (it == static_members_.end()) return ErrorCode::kUnknownMemberId;
    // Another process took over this instance id: this one is a zombie.
    if (it->second != member_id) return ErrorCode::kFencedInstanceId;
  }
  return find(member_id) ? ErrorCode::kNone : ErrorCode::kUnknownMemberId;
}

void ClassicGroup::count_protocols(const Member& member, int delta) {
  for (const auto& p : member.protocols) {
    auto it = protocol_support_.try_emplace(p.name, 0).first;
    it->second += delta;
    if (it->second == 0) protocol_support_.erase(it);
  }
}

void ClassicGroup::set_protocols(Member& member, std::vector<Protocol> protocols) {
  count_protocols(member, -1);
  member.protocols = std::move(protocols);
  count_protocols(member, +1);
}

void ClassicGroup::add(std::unique_ptr<Member> member, JoinCallback done) {
  if (member->instance_id) static_members_[*member->instance_id] = member->id;
  if (!leader_) leader_ = member->id;
  count_protocols(*member, +1);
  member->awaiting_join = std::move(done);
  if (member->is_awaiting_join()) ++awaiting_join_count_;
  pending_members_.cancel(member->id);
  std::string id = member->id;
  members_.emplace(std::move(id), std::move(member));
}

void ClassicGroup::update_member(Member& member, std::vector<Protocol> protocols,
                                 int32_t rebalance_timeout_ms, int32_t session_timeout_ms,
                                 JoinCallback done) {
  set_protocols(member, std::move(protocols));
  member.rebalance_timeout_ms = rebalance_timeout_ms;
  member.session_timeout_ms = session_timeout_ms;
  // A JoinGroup already parked for this member (its client reconnected and sent
  // another) is answered rather than left hanging.
  if (done) invoke_join(member, JoinResult::failed(ErrorCode::kRebalanceInProgress, member.id));
  if (done) {
    ++awaiting_join_count_;
    member.awaiting_join = std::move(done);
  } else if (member.is_awaiting_join()) {
    --awaiting_join_count_;
    member.awaiting_join = nullptr;
  }
}

Member& ClassicGroup::replace_static_member(const std::string& instance_id,
                                            const std::string& old_id, const std::string& new_id) {
  auto node = members_.extract(old_id);
  Member& member = *node.mapped();
  // Fence the previous incarnation's parked requests at once.
  invoke_join(member, JoinResult::failed(ErrorCode::kFencedInstanceId, old_id));
  invoke_sync(member, SyncResult{ErrorCode::kFencedInstanceId, std::nullopt, std::nullopt, {}});
  member.id = new_id;
  node.key() = new_id;
  members_.insert(std::move(node));
  if (leader_ == old_id) leader_ = new_id;
  if (pending_sync_.erase(old_id) != 0) pending_sync_.insert(new_id);
  static_members_[instance_id] = new_id;
  return member;
}

void ClassicGroup::remove(const std::string& member_id) {
  auto it = members_.find(member_id);
  if (it != members_.end()) {
    Member& m = *it->second;
    count_protocols(m, -1);
    if (m.is_awaiting_join()) --awaiting_join_count_;
    if (m.instance_id) static_members_.erase(*m.instance_id);
    heartbeats_.cancel(&m);
    members_.erase(it);
  }
  pending_members_.cancel(member_id);
  pending_sync_.erase(member_id);
  if (leader_ == member_id) {
    leader_.reset();
    if (!members_.empty()) leader_ = members_.begin()->first;
  }
}

void ClassicGroup::remove_member_and_update_group(Member& member, const Now& now) {
  // Its parked requests get UNKNOWN_MEMBER_ID, so a live client joins again.
  invoke_join(member, JoinResult::failed(ErrorCode::kUnknownMemberId, ""));
  invoke_sync(member, SyncResult{ErrorCode::kUnknownMemberId, std::nullopt, std::nullopt, {}});
  std::string id = member.id;
  remove(id);
  switch (state_) {
    case GroupState::kStable:
    case GroupState::kCompletingRebalance:
      maybe_prepare_rebalance(now, "removing member " + id);
      break;
    case GroupState::kPreparingRebalance:
      maybe_complete_join(now);
      break;
    case GroupState::kEmpty:
    case GroupState::kDead:
      break;
  }
}

void ClassicGroup::remove_pending_member_and_update_group(const std::string& member_id,
                                                          const Now& now) {
  remove(member_id);
  if (is(GroupState::kPreparingRebalance)) maybe_complete_join(now);
}

// ---------------------------------------------------------------- rebalance

bool ClassicGroup::supports_protocols(const std::string& type,
                                      const std::vector<Protocol>& protocols) const {
  if (is(GroupState::kEmpty)) return !type.empty() && !protocols.empty();
  if (protocol_type_ != type) return false;
  return std::any_of(protocols.begin(), protocols.end(), [&](const Protocol& p) {
    auto it = protocol_support_.find(p.name);
    size_t support = it == protocol_support_.end() ? 0 : static_cast<size_t>(it->second);
    return support == members_.size();
  });
}

std::string ClassicGroup::select_protocol() const {
  std::set<std::string> candidates;
  for (const auto& [name, count] : protocol_support_) {
    if (static_cast<size_t>(count) == members_.size()) candidates.insert(name);
  }
  // Each member votes for its most preferred candidate; the most votes win (ties:
  // the smallest name, so the choice is deterministic).
  std::map<std::string, int> votes;
  for (const auto& [id, m] : members_) {
    if (const std::string* choice = m->vote(candidates)) ++votes[*choice];
  }
  std::string best;
  int best_votes = 0;
  for (const auto& [name, n] : votes) {
    if (n > best_votes) {
      best = name;
      best_votes = n;
    }
  }
  return best;
}

int32_t ClassicGroup::rebalance_timeout_ms() const {
  int32_t timeout = 0;
  for (const auto& [id, m] : members_) timeout = std::max(timeout, m->rebalance_timeout_ms);
  return timeout;
}

bool ClassicGroup::has_all_members_joined() const {
  return static_cast<size_t>(awaiting_join_count_) == members_.size() && pending_members_.empty();
}

bool ClassicGroup::maybe_elect_new_joined_leader() {
  if (!leader_) return false;
  Member* leader = find(*leader_);
  if (leader && leader->is_awaiting_join()) return true;
  for (const auto& [id, m] : members_) {
    if (m->is_awaiting_join()) {
      leader_ = id;
      return true;
    }
  }
  return false;
}

void ClassicGroup::maybe_prepare_rebalance(const Now& now, std::string_view reason) {
  if (is(GroupState::kStable) || is(GroupState::kCompletingRebalance) || is(GroupState::kEmpty)) {
    prepare_rebalance(now, reason);
  }
}

void ClassicGroup::prepare_rebalance(const Now& now, std::string_view reason) {
  // Members waiting for the old generation's assignment must join again.
  if (is(GroupState::kCompletingRebalance)) {
    reset_and_propagate_assignment_error(ErrorCode::kRebalanceInProgress, now);
  }
  sync_deadline_.reset();
  if (is(GroupState::kEmpty)) {
    // The first rebalance waits group.initial.rebalance.delay.ms for more members,
    // so that a group starting many consumers does not rebalance once per member.
    int32_t delay = host_.config().initial_rebalance_delay_ms;
    join_wait_ = JoinWait::kInitialDelay;
    initial_delay_ms_ = delay;
    initial_remaining_ms_ = std::max(rebalance_timeout_ms() - delay, 0);
    join_deadline_ = now.mono_ms + delay;
  } else {
    join_wait_ = JoinWait::kRebalance;
    join_deadline_ = now.mono_ms + rebalance_timeout_ms();
  }
  log("preparing to rebalance in state " + std::string(to_string(state_)) + " with old generation " +
      std::to_string(generation_) + " (reason: " + std::string(reason) + ")");
  transition(GroupState::kPreparingRebalance, now);
}

void ClassicGroup::maybe_complete_join(const Now& now) {
  // The initial delay always runs out; a normal rebalance completes as soon as
  // every member has rejoined.
  if (join_wait_ == JoinWait::kRebalance && has_all_members_joined()) complete_join(now);
}

void ClassicGroup::on_join_deadline(const Now& now) {
  if (join_wait_ == JoinWait::kInitialDelay && new_member_added_ && initial_remaining_ms_ != 0) {
    // New members arrived during the delay: wait once more, within the rebalance timeout.
    new_member_added_ = false;
    int32_t next_delay = std::min(host_.config().initial_rebalance_delay_ms, initial_remaining_ms_);
    int32_t next_remaining = std::max(initial_remaining_ms_ - initial_delay_ms_, 0);
    initial_delay_ms_ = next_delay;
    initial_remaining_ms_ = next_remaining;
    join_deadline_ = now.mono_ms + next_delay;
    return;
  }
  complete_join(now);
}

void ClassicGroup::complete_join(const Now& now) {
  join_wait_ = JoinWait::kNone;
  new_member_added_ = false;
  // Dynamic members that did not rejoin in time are gone; static ones keep their
  // place until their session expires.
  std::vector<std::string> gone;
  for (const auto& [id, m] : members_) {
    if (!m->is_awaiting_join() && !m->is_static()) gone.push_back(id);
  }
  for (const auto& id : gone) {
    log("removing member " + id + " which did not rejoin in time");
    Member& m = *find(id);
    invoke_sync(m, SyncResult{ErrorCode::kUnknownMemberId, std::nullopt, std::nullopt, {}});
    remove(id);
  }
  if (is(GroupState::kDead)) return;
  if (!maybe_elect_new_joined_leader() && !members_.empty()) {
    // Nobody rejoined: wait another rebalance timeout for sessions to expire.
    log("could not complete rebalance because no members rejoined");
    join_wait_ = JoinWait::kRebalance;
    join_deadline_ = now.mono_ms + rebalance_timeout_ms();
    return;
  }
  init_next_generation(now);
  if (is(GroupState::kEmpty)) {
    log("generation " + std::to_string(generation_) + " is empty");
    // Failure only means an older generation comes back after a restart, and
    // that generation has no active members left either.
    host_.persist(*this, snapshot(), [](ErrorCode, const Now&) {});
    return;
  }
  log("stabilized generation " + std::to_string(generation_) + " with " +
      std::to_string(members_.size()) + " members, protocol " + protocol_name_.value_or(""));
  for (auto& [id, m] : members_) {
    invoke_join(*m, current_generation_result(*m, leader_ == id));
    schedule_heartbeat(*m, now, m->session_timeout_ms);
    m->is_new = false;
  }
  // Every member must now SyncGroup within the rebalance timeout.
  for (const auto& [id, m] : members_) pending_sync_.insert(id);
  sync_deadline_ = now.mono_ms + rebalance_timeout_ms();
  sync_generation_ = generation_;
}

void ClassicGroup::init_next_generation(const Now& now) {
  ++generation_;
  if (!members_.empty()) {
    protocol_name_ = select_protocol();
    subscribed_topics_ = compute_subscribed_topics();
    transition(GroupState::kCompletingRebalance, now);
  } else {
    protocol_name_.reset();
    subscribed_topics_ = compute_subscribed_topics();
    transition(GroupState::kEmpty, now);
  }
  pending_sync_.clear();
}

void ClassicGroup::on_sync_deadline(const Now& now) {
  sync_deadline_.reset();
  if (sync_generation_ != generation_) return;
  if (!is(GroupState::kCompletingRebalance) && !is(GroupState::kStable)) return;
  if (pending_sync_.empty()) return;
  std::vector<std::string> laggards(pending_sync_.begin(), pending_sync_.end());
  for (const auto& id : laggards) {
    log("removing member " + id + " which did not SyncGroup in time");
    if (Member* m = find(id)) {
      invoke_join(*m, JoinResult::failed(ErrorCode::kUnknownMemberId, ""));
      invoke_sync(*m, SyncResult{ErrorCode::kUnknownMemberId, std::nullopt, std::nullopt, {}});
    }
    remove(id);
  }
  prepare_rebalance(now, "members did not SyncGroup in time");
}

void ClassicGroup::on_heartbeat_deadline(Member& member, const Now& now) {
  // A member parked in a rebalance cannot heartbeat; the rebalance bounds it. A new
  // member's parked JoinGroup is bounded by the new-member timeout instead.
  if (!member.is_new && (member.is_awaiting_join() || member.is_awaiting_sync())) {
    schedule_heartbeat(member, now, member.session_timeout_ms);
    return;
  }
  log("member " + member.id + " failed: session timed out");
  remove_member_and_update_group(member, now);
}

void ClassicGroup::schedule_heartbeat(Member& member, const Now& now, int32_t timeout_ms) {
  heartbeats_.schedule(&member, now.mono_ms + timeout_ms);
}

// ---------------------------------------------------------------- timers

std::optional<int64_t> ClassicGroup::next_deadline() const {
  std::optional<int64_t> next;
  auto consider = [&](std::optional<int64_t> t) {
    if (t && (!next || *t < *next)) next = t;
  };
  if (join_wait_ != JoinWait::kNone) consider(join_deadline_);
  consider(sync_deadline_);
  consider(heartbeats_.next());
  consider(pending_members_.next());
  return next;
}

void ClassicGroup::advance(const Now& now) {
  enum class Due { kNone, kJoin, kSync, kHeartbeat, kPending };
  while (!is(GroupState::kDead)) {
    Due due = Due::kNone;
    int64_t earliest = std::numeric_limits<int64_t>::max();
    auto consider = [&](std::optional<int64_t> t, Due what) {
      if (t && *t <= now.mono_ms && *t < earliest) {
        earliest = *t;
        due = what;
      }
    };
    if (join_wait_ != JoinWait::kNone) consider(join_deadline_, Due::kJoin);
    consider(sync_deadline_, Due::kSync);
    consider(heartbeats_.next(), Due::kHeartbeat);
    consider(pending_members_.next(), Due::kPending);
    switch (due) {
      case Due::kNone:
        return;
      case Due::kJoin:
        on_join_deadline(now);
        break;
      case Due::kSync:
        on_sync_deadline(now);
        break;
      case Due::kHeartbeat:
        on_heartbeat_deadline(**heartbeats_.pop_one_due(now.mono_ms), now);
        break;
      case Due::kPending: {
        std::string id = *pending_members_.pop_one_due(now.mono_ms);
        log("pending member " + id + " did not join in time");
        remove_pending_member_and_update_group(id, now);
        break;
      }
    }
  }
}

// ---------------------------------------------------------------- parked requests

void ClassicGroup::invoke_join(Member& member, JoinResult result) {
  if (!member.is_awaiting_join()) return;
  JoinCallback done = std::move(member.awaiting_join);
  member.awaiting_join = nullptr;
  --awaiting_join_count_;
  done(std::move(result));
}

void ClassicGroup::invoke_sync(Member& member, SyncResult result) {
  if (!member.is_awaiting_sync()) return;
  SyncCallback done = std::move(member.awaiting_sync);
  member.awaiting_sync = nullptr;
  done(std::move(result));
}

// ---------------------------------------------------------------- misc

void ClassicGroup::transition(GroupState to, const Now& now) {
  state_ = to;
  state_timestamp_ms_ = now.wall_ms;
}

std::optional<std::set<std::string>> ClassicGroup::compute_subscribed_topics() const {
  if (protocol_type_ != kConsumerProtocolType) return std::nullopt;
  if (members_.empty()) return std::set<std::string>{};
  if (!protocol_name_) return std::nullopt;
  std::set<std::string> topics;
  for (const auto& [id, m] : members_) {
    const Bytes* metadata = m->metadata_for(*protocol_name_);
    if (!metadata) return std::nullopt;
    auto member_topics = groups::subscribed_topics(*metadata);
    if (!member_topics) return std::nullopt;
    topics.insert(member_topics->begin(), member_topics->end());
  }
  return topics;
}

StoredGroup ClassicGroup::snapshot() const {
  StoredGroup out;
  out.protocol_type = protocol_type_.value_or("");
  out.generation_id = generation_;
  out.protocol_name = protocol_name_;
  out.leader = leader_;
  out.state_timestamp_ms = state_timestamp_ms_;
  if (!protocol_name_) return out;
  for (const auto& [id, m] : members_) {
    StoredMember s;
    s.member_id = id;
    s.group_instance_id = m->instance_id;
    s.client_id = m->client_id;
    s.client_host = m->client_host;
    s.rebalance_timeout_ms = m->rebalance_timeout_ms;
    s.session_timeout_ms = m->session_timeout_ms;
    if (const Bytes* metadata = m->metadata_for(*protocol_name_)) s.subscription = *metadata;
    s.assignment = m->assignment;
    out.members.push_back(std::move(s));
  }
  return out;
}

void ClassicGroup::log(std::string_view message) const {
  host_.logger().info("group " + id_ + ": " + std::string(message));
}

}  // namespace skiff::kernel::groups

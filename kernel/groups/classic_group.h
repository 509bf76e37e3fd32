// ClassicGroup: one consumer group under Kafka's classic rebalance protocol, as
// pure logic. It keeps the member table, generation, selected protocol and leader,
// runs the state machine
//   Empty -> PreparingRebalance -> CompletingRebalance -> Stable  (any -> Dead)
// and holds parked JoinGroup/SyncGroup requests as callbacks it completes exactly
// once. Deadlines (session expiry, rebalance timeout, the initial rebalance delay,
// the pending-sync timeout, KIP-394 pending member ids) are kept as times: every
// call is given the current time, and advance(now) fires what is due, so tests
// drive time explicitly and the coordinator needs one timer for all groups.
//
// Not thread-safe: the coordinator holds the group's lock around every call.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "kernel/groups/deadline_queue.h"
#include "kernel/groups/group_host.h"
#include "kernel/groups/group_member.h"
#include "kernel/groups/group_state.h"
#include "kernel/groups/group_types.h"
#include "kernel/groups/stored_records.h"

namespace skiff::kernel::groups {

class ClassicGroup {
 public:
  using Members = std::unordered_map<std::string, std::unique_ptr<Member>>;

  // A new, Empty group.
  ClassicGroup(std::string id, GroupHost& host, const Now& now);
  // A group as it was stored: Stable with its members (each must heartbeat within
  // its session timeout from `now`), or Empty when it had none.
  ClassicGroup(std::string id, GroupHost& host, const StoredGroup& stored, const Now& now);
  ClassicGroup(const ClassicGroup&) = delete;
  ClassicGroup& operator=(const ClassicGroup&) = delete;

  const std::string& id() const { return id_; }
  GroupState state() const { return state_; }
  bool is(GroupState s) const { return state_ == s; }
  int32_t generation() const { return generation_; }
  const std::optional<std::string>& protocol_type() const { return protocol_type_; }
  const std::optional<std::string>& protocol_name() const { return protocol_name_; }
  const std::optional<std::string>& leader() const { return leader_; }
  int64_t state_timestamp_ms() const { return state_timestamp_ms_; }
  const Members& members() const { return members_; }
  size_t size() const { return members_.size(); }
  size_t pending_member_count() const { return pending_members_.size(); }
  // The topics the members subscribe to (consumer protocol only); nullopt: unknown.
  const std::optional<std::set<std::string>>& subscribed_topics() const {
    return subscribed_topics_;
  }
  // Unknown subscriptions count as subscribed, so nothing in use is removed.
  bool is_subscribed_to(const std::string& topic) const;

  // JoinGroup: `done` runs now (errors, MEMBER_ID_REQUIRED, a known member's
  // current generation) or when the rebalance completes.
  void join(const JoinRequest& request, const Now& now, JoinCallback done);
  // SyncGroup: `done` runs now, or when the leader's assignment is stored.
  void sync(const SyncRequest& request, const Now& now, SyncCallback done);
  sdk::ErrorCode heartbeat(const std::string& member_id,
                           const std::optional<std::string>& instance_id, int32_t generation,
                           const Now& now);
  // LeaveGroup of one member (the caller answers COORDINATOR_NOT_AVAILABLE for a
  // Dead group before asking).
  sdk::ErrorCode leave(const LeavingMember& member, const Now& now);
  // May this member (or a non-member, generation -1) commit offsets now? Members'
  // commits count as heartbeats. `transactional` leaves room for TxnOffsetCommit.
  sdk::ErrorCode validate_offset_commit(const std::string& member_id,
                                        const std::optional<std::string>& instance_id,
                                        int32_t generation, bool transactional, const Now& now);
  // DeleteGroups: an Empty group becomes Dead (NONE); otherwise NON_EMPTY_GROUP, or
  // GROUP_ID_NOT_FOUND if already Dead.
  sdk::ErrorCode mark_dead_for_deletion(const Now& now);
  // The group is going away (coordinator stopping or moving): Dead, and every
  // parked request is answered with `error`.
  void unload(sdk::ErrorCode error, const Now& now);

  // The earliest time advance() has something to do; nullopt: nothing scheduled.
  std::optional<int64_t> next_deadline() const;
  // Fires every deadline at or before now.mono_ms, earliest first.
  void advance(const Now& now);

  // The group as it is stored (members' current assignments).
  StoredGroup snapshot() const;

 private:
  enum class JoinWait { kNone, kInitialDelay, kRebalance };

  // JoinGroup paths.
  bool accept_joining_member(const std::string& member_id) const;
  void join_new_member(const JoinRequest& request, const Now& now, JoinCallback& done);
  void join_existing_member(const JoinRequest& request, const Now& now, JoinCallback& done);
  void add_member_and_rebalance(const std::string& member_id, const JoinRequest& request,
                                const Now& now, JoinCallback done);
  void update_member_and_rebalance(Member& member, const JoinRequest& request, const Now& now,
                                   JoinCallback done);
  void update_static_member_and_rebalance(const std::string& old_id, const std::string& new_id,
                                          const JoinRequest& request, const Now& now,
                                          JoinCallback done);
  void on_static_member_stored(const std::string& instance_id, const std::string& old_id,
                               const std::string& new_id, const std::optional<std::string>& old_leader,
                               std::vector<Protocol> old_protocols, bool skip_assignment,
                               sdk::ErrorCode error, const Now& now);
  JoinResult current_generation_result(const Member& member, bool with_members) const;

  // Membership bookkeeping.
  void add(std::unique_ptr<Member> member, JoinCallback done);
  void update_member(Member& member, std::vector<Protocol> protocols, int32_t rebalance_timeout_ms,
                     int32_t session_timeout_ms, JoinCallback done);
  Member& replace_static_member(const std::string& instance_id, const std::string& old_id,
                                const std::string& new_id);
  void remove(const std::string& member_id);
  void remove_member_and_update_group(Member& member, const Now& now);
  void remove_pending_member_and_update_group(const std::string& member_id, const Now& now);
  sdk::ErrorCode validate_current_member(const std::string& member_id,
                                         const std::optional<std::string>& instance_id) const;
  Member* find(const std::string& member_id) const;
  void set_protocols(Member& member, std::vector<Protocol> protocols);
  void count_protocols(const Member& member, int delta);

  // Rebalance.
  bool supports_protocols(const std::string& type, const std::vector<Protocol>& protocols) const;
  std::string select_protocol() const;
  int32_t rebalance_timeout_ms() const;
  bool has_all_members_joined() const;
  bool maybe_elect_new_joined_leader();
  void maybe_prepare_rebalance(const Now& now, std::string_view reason);
  void prepare_rebalance(const Now& now, std::string_view reason);
  void maybe_complete_join(const Now& now);
  void on_join_deadline(const Now& now);
  void complete_join(const Now& now);
  void init_next_generation(const Now& now);
  void on_sync_deadline(const Now& now);
  void on_heartbeat_deadline(Member& member, const Now& now);
  void schedule_heartbeat(Member& member, const Now& now, int32_t timeout_ms);
  void store_assignment(const std::string& leader_id, const SyncRequest& request);
  void reset_and_propagate_assignment_error(sdk::ErrorCode error, const Now& now);
  void set_and_propagate_assignment(const std::unordered_map<std::string, Bytes>& assignment,
                                    const Now& now);

  // Parked requests.
  void invoke_join(Member& member, JoinResult result);
  void invoke_sync(Member& member, SyncResult result);

  void transition(GroupState to, const Now& now);
  std::optional<std::set<std::string>> compute_subscribed_topics() const;
  void log(std::string_view message) const;

  std::string id_;
  GroupHost& host_;
  GroupState state_ = GroupState::kEmpty;
  int64_t state_timestamp_ms_ = 0;
  int32_t generation_ = 0;
  std::optional<std::string> protocol_type_;
  std::optional<std::string> protocol_name_;
  std::optional<std::string> leader_;
  Members members_;
  std::unordered_map<std::string, std::string> static_members_;  // instance id -> member id
  std::unordered_map<std::string, int32_t> protocol_support_;    // protocol -> members supporting it
  int32_t awaiting_join_count_ = 0;
  std::unordered_set<std::string> pending_sync_;                 // members yet to SyncGroup
  std::optional<std::set<std::string>> subscribed_topics_;

  // Deadlines, in monotonic ms.
  DeadlineQueue<Member*> heartbeats_;
  DeadlineQueue<std::string> pending_members_;  // KIP-394 ids handed out, not yet joined
  JoinWait join_wait_ = JoinWait::kNone;
  int64_t join_deadline_ = 0;
  int32_t initial_delay_ms_ = 0;      // the running initial delay
  int32_t initial_remaining_ms_ = 0;  // what the initial delay may still be extended by
  bool new_member_added_ = false;
  std::optional<int64_t> sync_deadline_;
  int32_t sync_generation_ = 0;
};

}  // namespace skiff::kernel::groups

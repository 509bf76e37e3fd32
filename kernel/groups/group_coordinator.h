// GroupCoordinator: Kafka's group coordinator for classic consumer groups. It owns
// the groups (GroupRegistry, sharded by coordinator partition), runs their state
// machines under a lock per group, keeps their deadlines in one queue woken by a
// single timer, and keeps offsets and group metadata in an OffsetStore, answering
// commits only once they are durable. Request handlers call it from any thread;
// results come back through callbacks, possibly later and from another thread.
//
// The implementation is split by concern: group_coordinator.cpp (lifecycle,
// storage of group metadata, timers), group_membership.cpp (JoinGroup, SyncGroup,
// Heartbeat, LeaveGroup), group_offsets.cpp (OffsetCommit, OffsetFetch,
// OffsetDelete), group_admin.cpp (ListGroups, DescribeGroups, DeleteGroups) and
// group_expiry.cpp (offset retention and removal of empty groups).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "kernel/groups/deadline_queue.h"
#include "kernel/groups/group_config.h"
#include "kernel/groups/group_host.h"
#include "kernel/groups/group_registry.h"
#include "kernel/groups/offset_store.h"
#include "skiff/sdk/log.h"

namespace skiff::kernel::groups {

// Reads the clocks: steady for deadlines, system for stored timestamps.
Now system_now();

class GroupCoordinator final : private GroupHost {
 public:
  using Clock = std::function<Now()>;

  GroupCoordinator(GroupConfig config, OffsetStore& store, sdk::Logger& logger,
                   Clock clock = system_now);
  ~GroupCoordinator() override;
  GroupCoordinator(const GroupCoordinator&) = delete;
  GroupCoordinator& operator=(const GroupCoordinator&) = delete;

  // ---- lifecycle
  // Loads every coordinator partition from the store (a single node owns all).
  void load();
  // Answers every parked request with NOT_COORDINATOR and refuses new ones; call
  // before the network drains in-flight requests.
  void shutdown();
  // How to be woken for the earliest group deadline (monotonic ms); called with
  // each new earliest deadline. Set once, before load().
  void set_wakeup(std::function<void(int64_t mono_deadline_ms)> wakeup);
  // Fires the group deadlines that are due.
  void run_due_timers();
  std::optional<int64_t> next_timer() const;

  const GroupConfig& config() const override { return config_; }
  int32_t partition_for(std::string_view group_id) const { return registry_.partition_for(group_id); }
  // NONE when this node coordinates the group now; COORDINATOR_LOAD_IN_PROGRESS
  // while its partition loads; NOT_COORDINATOR otherwise (stopping).
  sdk::ErrorCode coordinator_status(std::string_view group_id) const;
  size_t group_count() const { return registry_.size(); }

  // ---- membership (group_membership.cpp)
  void join_group(const std::string& group_id, JoinRequest request, JoinCallback done);
  void sync_group(const std::string& group_id, SyncRequest request, SyncCallback done);
  sdk::ErrorCode heartbeat(const std::string& group_id, const std::string& member_id,
                           const std::optional<std::string>& instance_id, int32_t generation);
  struct LeaveResult {
    sdk::ErrorCode error = sdk::ErrorCode::kNone;
    std::vector<sdk::ErrorCode> members;  // one per leaving member, in order
  };
  LeaveResult leave_group(const std::string& group_id, const std::vector<LeavingMember>& members);

  // ---- offsets (group_offsets.cpp)
  struct CommitPartition {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = 0;
    int32_t leader_epoch = -1;
    std::string metadata;
    int64_t retention_ms = -1;  // OffsetCommit v2-4; -1: offsets.retention.minutes
  };
  struct CommitRequest {
    std::string group_id;
    std::string member_id;
    std::optional<std::string> instance_id;
    int32_t generation = -1;  // -1 with no member id: a commit from outside the group
    std::vector<CommitPartition> partitions;
  };
  // `done` gets one error per partition, in order, once the commit is durable.
  void commit_offsets(CommitRequest request, std::function<void(std::vector<sdk::ErrorCode>)> done);

  struct FetchedOffset {
    std::string topic;
    int32_t partition = 0;
    std::optional<StoredOffset> offset;  // nullopt: nothing committed
  };
  struct FetchResult {
    sdk::ErrorCode error = sdk::ErrorCode::kNone;
    std::vector<FetchedOffset> offsets;
  };
  using TopicPartitions = std::vector<std::pair<std::string, std::vector<int32_t>>>;
  // `topics` nullopt: every offset the group has committed.
  FetchResult fetch_offsets(const std::string& group_id, const std::optional<TopicPartitions>& topics);

  struct OffsetDeleteResult {
    sdk::ErrorCode error = sdk::ErrorCode::kNone;
    std::vector<sdk::ErrorCode> partitions;  // in request order
  };
  void delete_offsets(const std::string& group_id,
                      std::vector<std::pair<std::string, int32_t>> partitions,
                      std::function<void(OffsetDeleteResult)> done);

  // ---- administration (group_admin.cpp)
  struct GroupListing {
    std::string group_id;
    std::string protocol_type;
    GroupState state = GroupState::kEmpty;
  };
  struct GroupList {
    sdk::ErrorCode error = sdk::ErrorCode::kNone;  // a partition still loading, or stopped
    std::vector<GroupListing> groups;
  };
  GroupList list_groups() const;

  struct DescribedMember {
    std::string member_id;
    std::optional<std::string> instance_id;
    std::string client_id;
    std::string client_host;
    Bytes metadata;
    Bytes assignment;
  };
  struct GroupDescription {
    sdk::ErrorCode error = sdk::ErrorCode::kNone;
    GroupState state = GroupState::kDead;
    std::string protocol_type;
    std::string protocol_name;  // empty unless Stable
    std::vector<DescribedMember> members;
  };
  GroupDescription describe_group(const std::string& group_id) const;
  // `done` gets one error per group, in order, once the deletions are durable.
  void delete_groups(const std::vector<std::string>& group_ids,
                     std::function<void(std::vector<sdk::ErrorCode>)> done);

  // ---- retention (group_expiry.cpp)
  // Drops expired offsets and removes Empty groups left without offsets; `done`
  // (optional) runs when every resulting write has completed.
  void expire_offsets(std::function<void()> done = nullptr);

 private:
  // GroupHost
  std::string new_member_id(std::string_view prefix) override;
  void persist(ClassicGroup& group, StoredGroup snapshot, PersistDone done) override;
  sdk::Logger& logger() override { return logger_; }

  // The group, created if absent and `create`; errors: not coordinating it now.
  struct Lookup {
    sdk::ErrorCode error = sdk::ErrorCode::kNone;
    GroupEntryPtr entry;  // null: no such group
  };
  Lookup lookup(const std::string& group_id, bool create);
  // After every operation on a group, with its lock held: fire what is now due and
  // reschedule the group's wake-up.
  void settle(const GroupEntryPtr& entry, const Now& now);
  void schedule_wakeup(const GroupEntryPtr& entry, std::optional<int64_t> deadline);
  // Unregisters a Dead group and deletes its stored state; `done` once durable.
  void drop_group(const GroupEntryPtr& entry, std::function<void(sdk::ErrorCode)> done);

  GroupConfig config_;
  OffsetStore& store_;
  sdk::Logger& logger_;
  Clock clock_;
  GroupRegistry registry_;
  std::atomic<bool> stopped_{false};

  mutable std::mutex timers_mutex_;
  DeadlineQueue<GroupEntryPtr> timers_;
  std::function<void(int64_t)> wakeup_;

  std::mutex random_mutex_;
  std::mt19937_64 random_;
};

// Kafka's error for a failed write of group state: the client finds the
// coordinator again and retries.
sdk::ErrorCode store_error_to_client(sdk::ErrorCode error);

}  // namespace skiff::kernel::groups

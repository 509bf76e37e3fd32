// GroupRegistry: the groups this coordinator holds, sharded by coordinator
// partition (abs(hash(group id)) % offsets.topic.num.partitions, as Kafka spreads
// groups over __consumer_offsets). Each shard has its own lock and a state, so a
// later multi-node coordinator can load, own and give away partitions one by one.
// Each group sits in a GroupEntry with the lock every operation on it holds.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kernel/groups/classic_group.h"

namespace skiff::kernel::groups {

struct GroupEntry {
  template <class... Args>
  GroupEntry(int32_t coordinator_partition, Args&&... group_args)
      : partition(coordinator_partition), group(std::forward<Args>(group_args)...) {}

  std::mutex mutex;
  const int32_t partition;
  ClassicGroup group;
  // Offset commits queued for the store but not yet durable: such a group is not
  // removed as empty, since its offsets are about to exist.
  int32_t pending_commits = 0;
};
using GroupEntryPtr = std::shared_ptr<GroupEntry>;

class GroupRegistry {
 public:
  enum class ShardState { kLoading, kActive, kUnloaded };

  explicit GroupRegistry(int32_t num_partitions);

  int32_t num_partitions() const { return static_cast<int32_t>(shards_.size()); }
  int32_t partition_for(std::string_view group_id) const;
  ShardState state(int32_t partition) const;
  void set_state(int32_t partition, ShardState state);

  GroupEntryPtr find(const std::string& group_id) const;
  // The registered group, or the one `make` builds, registered now.
  GroupEntryPtr find_or_create(const std::string& group_id,
                               const std::function<GroupEntryPtr()>& make);
  // Registers `entry` unless its id is taken (loading).
  void insert(const GroupEntryPtr& entry);
  // Unregisters `entry` if it is still the one registered under its id.
  void remove(const GroupEntry& entry);
  std::vector<GroupEntryPtr> all() const;
  size_t size() const;

 private:
  struct Shard {
    mutable std::mutex mutex;
    ShardState state = ShardState::kLoading;
    std::unordered_map<std::string, GroupEntryPtr> groups;
  };
  Shard& shard_of(std::string_view group_id) const;

  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace skiff::kernel::groups

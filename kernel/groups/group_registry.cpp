// The sharded table of groups.
#include "kernel/groups/group_registry.h"

#include "kernel/groups/coordinator_partition.h"

namespace skiff::kernel::groups {

GroupRegistry::GroupRegistry(int32_t num_partitions) {
  for (int32_t i = 0; i < num_partitions; ++i) shards_.push_back(std::make_unique<Shard>());
}

int32_t GroupRegistry::partition_for(std::string_view group_id) const {
  return groups::partition_for(group_id, num_partitions());
}

GroupRegistry::Shard& GroupRegistry::shard_of(std::string_view group_id) const {
  return *shards_[static_cast<size_t>(partition_for(group_id))];
}

GroupRegistry::ShardState GroupRegistry::state(int32_t partition) const {
  const Shard& shard = *shards_.at(static_cast<size_t>(partition));
  std::lock_guard lock(shard.mutex);
  return shard.state;
}

void GroupRegistry::set_state(int32_t partition, ShardState state) {
  Shard& shard = *shards_.at(static_cast<size_t>(partition));
  std::lock_guard lock(shard.mutex);
  shard.state = state;
}

GroupEntryPtr GroupRegistry::find(const std::string& group_id) const {
  Shard& shard = shard_of(group_id);
  std::lock_guard lock(shard.mutex);
  auto it = shard.groups.find(group_id);
  return it == shard.groups.end() ? nullptr : it->second;
}

GroupEntryPtr GroupRegistry::find_or_create(const std::string& group_id,
                                            const std::function<GroupEntryPtr()>& make) {
  Shard& shard = shard_of(group_id);
  std::lock_guard lock(shard.mutex);
  auto [it, inserted] = shard.groups.try_emplace(group_id);
  if (inserted) {
    try {
      it->second = make();
    } catch (...) {
      shard.groups.erase(it);
      throw;
    }
  }
  return it->second;
}

void GroupRegistry::insert(const GroupEntryPtr& entry) {
  Shard& shard = shard_of(entry->group.id());
  std::lock_guard lock(shard.mutex);
  shard.groups.try_emplace(entry->group.id(), entry);
}

void GroupRegistry::remove(const GroupEntry& entry) {
  Shard& shard = shard_of(entry.group.id());
  std::lock_guard lock(shard.mutex);
  auto it = shard.groups.find(entry.group.id());
  if (it != shard.groups.end() && it->second.get() == &entry) shard.groups.erase(it);
}

std::vector<GroupEntryPtr> GroupRegistry::all() const {
  std::vector<GroupEntryPtr> out;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    for (const auto& [id, entry] : shard->groups) out.push_back(entry);
  }
  return out;
}

size_t GroupRegistry::size() const {
  size_t n = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    n += shard->groups.size();
  }
  return n;
}

}  // namespace skiff::kernel::groups

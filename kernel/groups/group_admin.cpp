// GroupCoordinator: ListGroups, DescribeGroups and DeleteGroups.
#include "kernel/groups/group_coordinator.h"
#include "kernel/groups/group_id.h"

namespace skiff::kernel::groups {

using sdk::ErrorCode;

GroupCoordinator::GroupList GroupCoordinator::list_groups() const {
  GroupList out;
  if (stopped_) {
    out.error = ErrorCode::kNotCoordinator;
    return out;
  }
  for (int32_t p = 0; p < registry_.num_partitions(); ++p) {
    if (registry_.state(p) == GroupRegistry::ShardState::kLoading) {
      out.error = ErrorCode::kCoordinatorLoadInProgress;
      return out;
    }
  }
  for (const auto& entry : registry_.all()) {
    std::lock_guard lock(entry->mutex);
    const ClassicGroup& group = entry->group;
    if (group.is(GroupState::kDead)) continue;
    out.groups.push_back(GroupListing{group.id(), group.protocol_type().value_or(""), group.state()});
  }
  return out;
}

GroupCoordinator::GroupDescription GroupCoordinator::describe_group(const std::string& group_id) const {
  GroupDescription d;
  if (!valid_group_id(group_id, true)) {
    d.error = ErrorCode::kInvalidGroupId;
    return d;
  }
  d.error = coordinator_status(group_id);
  if (d.error != ErrorCode::kNone) return d;
  GroupEntryPtr entry = registry_.find(group_id);
  if (!entry) return d;  // Kafka describes an unknown group as Dead, without error
  std::lock_guard lock(entry->mutex);
  const ClassicGroup& group = entry->group;
  d.state = group.state();
  d.protocol_type = group.protocol_type().value_or("");
  // Metadata and assignments are only shown once they belong together (Stable).
  bool stable = group.is(GroupState::kStable) && group.protocol_name();
  if (stable) d.protocol_name = *group.protocol_name();
  for (const auto& [id, m] : group.members()) {
    DescribedMember out{id, m->instance_id, m->client_id, m->client_host, {}, {}};
    if (stable) {
      if (const Bytes* metadata = m->metadata_for(d.protocol_name)) out.metadata = *metadata;
      out.assignment = m->assignment;
    }
    d.members.push_back(std::move(out));
  }
  return d;
}

void GroupCoordinator::delete_groups(const std::vector<std::string>& group_ids,
                                     std::function<void(std::vector<ErrorCode>)> done) {
  // Answered when the last deletion is durable.
  struct Progress {
    std::mutex mutex;
    std::vector<ErrorCode> results;
    size_t outstanding = 1;  // the loop below
    std::function<void(std::vector<ErrorCode>)> done;
    void finish_one() {
      std::unique_lock lock(mutex);
      if (--outstanding != 0) return;
      auto results_out = std::move(results);
      lock.unlock();
      done(std::move(results_out));
    }
  };
  auto progress = std::make_shared<Progress>();
  progress->results.assign(group_ids.size(), ErrorCode::kNone);
  progress->done = std::move(done);

  for (size_t i = 0; i < group_ids.size(); ++i) {
    const std::string& group_id = group_ids[i];
    auto set = [&](ErrorCode error) {
      std::lock_guard lock(progress->mutex);
      progress->results[i] = error;
    };
    if (!valid_group_id(group_id, true)) {
      set(ErrorCode::kInvalidGroupId);
      continue;
    }
    Lookup found = lookup(group_id, false);
    if (found.error != ErrorCode::kNone) {
      set(found.error);
      continue;
    }
    if (!found.entry) {
      set(ErrorCode::kGroupIdNotFound);
      continue;
    }
    std::lock_guard lock(found.entry->mutex);
    ErrorCode error = found.entry->group.mark_dead_for_deletion(clock_());
    if (error != ErrorCode::kNone) {
      set(error);
      continue;
    }
    {
      std::lock_guard plock(progress->mutex);
      ++progress->outstanding;
    }
    drop_group(found.entry, [progress, i](ErrorCode written) {
      {
        std::lock_guard lock(progress->mutex);
        progress->results[i] = written;
      }
      progress->finish_one();
    });
  }
  progress->finish_one();
}

}  // namespace skiff::kernel::groups

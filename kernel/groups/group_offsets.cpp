// GroupCoordinator: OffsetCommit (members' and simple consumers' commits,
// acknowledged once durable), OffsetFetch (read from the store) and OffsetDelete.
#include "kernel/groups/consumer_subscription.h"
#include "kernel/groups/group_coordinator.h"
#include "kernel/groups/group_id.h"

namespace skiff::kernel::groups {

using sdk::ErrorCode;

void GroupCoordinator::commit_offsets(CommitRequest request,
                                      std::function<void(std::vector<ErrorCode>)> done) {
  const size_t n = request.partitions.size();
  auto fail_all = [&](ErrorCode error) { done(std::vector<ErrorCode>(n, error)); };
  if (!valid_group_id(request.group_id, true)) return fail_all(ErrorCode::kInvalidGroupId);
  // A commit from outside group management (assign() consumers, admin tools)
  // creates the group it commits for.
  bool outsider = request.generation < 0 && request.member_id.empty() && !request.instance_id;
  Lookup found = lookup(request.group_id, outsider);
  if (found.error != ErrorCode::kNone) return fail_all(found.error);
  // A member of a group that is gone is from an older generation.
  if (!found.entry) return fail_all(ErrorCode::kIllegalGeneration);

  GroupEntryPtr entry = found.entry;
  std::vector<ErrorCode> results(n, ErrorCode::kNone);
  std::vector<StoreOp> ops;
  {
    std::lock_guard lock(entry->mutex);
    Now now = clock_();
    ErrorCode error = entry->group.validate_offset_commit(request.member_id, request.instance_id,
                                                          request.generation, false, now);
    settle(entry, now);
    if (error != ErrorCode::kNone) return fail_all(error);
    for (size_t i = 0; i < n; ++i) {
      CommitPartition& p = request.partitions[i];
      if (p.metadata.size() > static_cast<size_t>(config_.offset_metadata_max_bytes)) {
        results[i] = ErrorCode::kOffsetMetadataTooLarge;
        continue;
      }
      StoredOffset value{p.offset, p.leader_epoch, std::move(p.metadata), now.wall_ms,
                         p.retention_ms >= 0 ? now.wall_ms + p.retention_ms : -1};
      ops.push_back(store_ops::PutOffset{
          OffsetKey{entry->partition, request.group_id, std::move(p.topic), p.partition},
          std::move(value)});
    }
    if (!ops.empty()) {
      ++entry->pending_commits;
      // Queued under the group's lock, so the store applies this group's writes in
      // the order its state changed (a deletion cannot overtake a commit).
      store_.write(std::move(ops), [entry, results, done](const StoreWriteResult& written) mutable {
        {
          std::lock_guard relock(entry->mutex);
          --entry->pending_commits;
        }
        for (auto& r : results) {
          if (r == ErrorCode::kNone) r = store_error_to_client(written.error);
        }
        done(std::move(results));
      });
      return;
    }
  }
  done(std::move(results));
}

GroupCoordinator::FetchResult GroupCoordinator::fetch_offsets(
    const std::string& group_id, const std::optional<TopicPartitions>& topics) {
  FetchResult result;
  if (!valid_group_id(group_id, true)) {
    result.error = ErrorCode::kInvalidGroupId;
    return result;
  }
  result.error = coordinator_status(group_id);
  if (result.error != ErrorCode::kNone) return result;
  // The store holds exactly what was acknowledged, so it is read directly.
  int32_t partition = partition_for(group_id);
  if (topics) {
    for (const auto& [topic, partitions] : *topics) {
      for (int32_t p : partitions) {
        result.offsets.push_back(
            FetchedOffset{topic, p, store_.get_offset(OffsetKey{partition, group_id, topic, p})});
      }
    }
  } else {
    store_.for_each_offset(partition, group_id,
                           [&](const std::string& topic, int32_t p, const StoredOffset& offset) {
                             result.offsets.push_back(FetchedOffset{topic, p, offset});
                           });
  }
  return result;
}

void GroupCoordinator::delete_offsets(const std::string& group_id,
                                      std::vector<std::pair<std::string, int32_t>> partitions,
                                      std::function<void(OffsetDeleteResult)> done) {
  OffsetDeleteResult result;
  auto fail = [&](ErrorCode error) {
    result.error = error;
    done(std::move(result));
  };
  if (!valid_group_id(group_id, false)) return fail(ErrorCode::kInvalidGroupId);
  Lookup found = lookup(group_id, false);
  if (found.error != ErrorCode::kNone) return fail(found.error);
  if (!found.entry) return fail(ErrorCode::kGroupIdNotFound);

  GroupEntryPtr entry = found.entry;
  std::vector<StoreOp> ops;
  {
    std::lock_guard lock(entry->mutex);
    const ClassicGroup& group = entry->group;
    bool empty = group.is(GroupState::kEmpty);
    if (group.is(GroupState::kDead)) return fail(ErrorCode::kGroupIdNotFound);
    if (!empty && group.protocol_type() != kConsumerProtocolType) return fail(ErrorCode::kNonEmptyGroup);
    for (auto& [topic, p] : partitions) {
      // An active consumer group keeps the offsets of topics it still consumes.
      if (!empty && group.is_subscribed_to(topic)) {
        result.partitions.push_back(ErrorCode::kGroupSubscribedToTopic);
        continue;
      }
      result.partitions.push_back(ErrorCode::kNone);
      ops.push_back(store_ops::DeleteOffset{OffsetKey{entry->partition, group_id, topic, p}});
    }
    if (!ops.empty()) {
      store_.write(std::move(ops), [result, done](const StoreWriteResult& written) mutable {
        for (auto& r : result.partitions) {
          if (r == ErrorCode::kNone) r = store_error_to_client(written.error);
        }
        done(std::move(result));
      });
      return;
    }
  }
  done(std::move(result));
}

}  // namespace skiff::kernel::groups

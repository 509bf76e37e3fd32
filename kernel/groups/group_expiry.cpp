// GroupCoordinator: offset retention (offsets.retention.minutes, checked every
// offsets.retention.check.interval.ms) and removal of Empty groups that have no
// offsets left, as Kafka's GroupMetadataManager.cleanupGroupMetadata does.
#include <atomic>

#include "kernel/groups/consumer_subscription.h"
#include "kernel/groups/group_coordinator.h"

namespace skiff::kernel::groups {

using sdk::ErrorCode;

namespace {

// Which of the group's offsets may expire now; nullopt: none may.
std::optional<ExpiryRule> expiry_rule(const ClassicGroup& group, const Now& now,
                                      int64_t retention_ms) {
  ExpiryRule rule{now.wall_ms, retention_ms, std::nullopt, std::nullopt};
  if (group.is(GroupState::kEmpty)) {
    // A group that had members: retention counts from when it became Empty. A
    // group used only for commits: from each commit.
    if (group.protocol_type()) rule.base_ms = group.state_timestamp_ms();
    return rule;
  }
  if (group.is(GroupState::kStable) && group.protocol_type() == kConsumerProtocolType &&
      group.subscribed_topics()) {
    // An active consumer group: only topics it no longer consumes.
    rule.keep = group.subscribed_topics();
    return rule;
  }
  return std::nullopt;
}

// Counts outstanding writes; runs `done` after the last.
struct ExpiryProgress {
  std::atomic<size_t> outstanding{1};
  std::function<void()> done;
  void add() { ++outstanding; }
  void finish() {
    if (--outstanding == 0 && done) done();
  }
};

}  // namespace

void GroupCoordinator::expire_offsets(std::function<void()> done) {
  auto progress = std::make_shared<ExpiryProgress>();
  progress->done = std::move(done);
  if (stopped_) return progress->finish();
  Now now = clock_();
  for (const GroupEntryPtr& entry : registry_.all()) {
    std::lock_guard lock(entry->mutex);
    const ClassicGroup& group = entry->group;
    if (group.is(GroupState::kDead)) continue;
    std::optional<ExpiryRule> rule = expiry_rule(group, now, config_.offsets_retention_ms);
    if (!rule) continue;
    progress->add();
    store_.write(
        {store_ops::ExpireOffsets{entry->partition, group.id(), *rule}},
        [this, entry, progress](const StoreWriteResult& written) {
          std::lock_guard relock(entry->mutex);
          ClassicGroup& g = entry->group;
          if (written.expired > 0) {
            logger_.info("group " + g.id() + ": removed " + std::to_string(written.expired) +
                         " expired offsets");
          }
          // An Empty group with nothing stored and nothing on the way is gone.
          if (written.error == ErrorCode::kNone && g.is(GroupState::kEmpty) &&
              entry->pending_commits == 0 && g.pending_member_count() == 0 &&
              !store_.has_offsets(entry->partition, g.id())) {
            g.mark_dead_for_deletion(clock_());
            logger_.info("group " + g.id() + " removed: empty and without offsets");
            progress->add();
            drop_group(entry, [progress](ErrorCode) { progress->finish(); });
          }
          progress->finish();
        });
  }
  progress->finish();
}

}  // namespace skiff::kernel::groups

// GroupCoordinator lifecycle, group lookup, storage of group metadata and the
// deadline queue shared by all groups.
#include "kernel/groups/group_coordinator.h"

#include <chrono>
#include <cstdio>


namespace skiff::kernel::groups {

using sdk::ErrorCode;

Now system_now() {
  using namespace std::chrono;
  return Now{duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count(),
             duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count()};
}

ErrorCode store_error_to_client(ErrorCode error) {
  return error == ErrorCode::kNone ? error : ErrorCode::kNotCoordinator;
}

GroupCoordinator::GroupCoordinator(GroupConfig config, OffsetStore& store, sdk::Logger& logger,
                                   Clock clock)
    : config_(config),
      store_(store),
      logger_(logger),
      clock_(std::move(clock)),
      registry_(config.num_partitions),
      random_(std::random_device{}()) {}

GroupCoordinator::~GroupCoordinator() {
  shutdown();
  // Completions of writes still under way call back into this coordinator.
  store_.flush();
}

void GroupCoordinator::load() {
  Now now = clock_();
  size_t groups = 0;
  for (int32_t p = 0; p < registry_.num_partitions(); ++p) {
    OffsetStore::PartitionContents contents = store_.load_partition(p);
    for (const auto& [id, stored] : contents.groups) {
      auto entry = std::make_shared<GroupEntry>(p, id, static_cast<GroupHost&>(*this), stored, now);
      registry_.insert(entry);
      std::lock_guard lock(entry->mutex);
      settle(entry, now);
      ++groups;
    }
    // Groups that only ever stored offsets (assign() consumers) have no metadata.
    for (const auto& id : contents.groups_with_offsets) {
      if (registry_.find(id)) continue;
      registry_.insert(std::make_shared<GroupEntry>(p, id, static_cast<GroupHost&>(*this), now));
      ++groups;
    }
    if (contents.unreadable > 0) {
      logger_.warn("coordinator partition " + std::to_string(p) + ": skipped " +
                   std::to_string(contents.unreadable) + " unreadable records");
    }
    registry_.set_state(p, GroupRegistry::ShardState::kActive);
  }
  logger_.info("group coordinator loaded " + std::to_string(groups) + " groups in " +
               std::to_string(registry_.num_partitions()) + " partitions");
}

void GroupCoordinator::shutdown() {
  if (stopped_.exchange(true)) return;
  Now now = clock_();
  for (const auto& entry : registry_.all()) {
    std::lock_guard lock(entry->mutex);
    entry->group.unload(ErrorCode::kNotCoordinator, now);
  }
  for (int32_t p = 0; p < registry_.num_partitions(); ++p) {
    registry_.set_state(p, GroupRegistry::ShardState::kUnloaded);
  }
  std::lock_guard lock(timers_mutex_);
  timers_.clear();
}

ErrorCode GroupCoordinator::coordinator_status(std::string_view group_id) const {
  if (stopped_) return ErrorCode::kNotCoordinator;
  switch (registry_.state(registry_.partition_for(group_id))) {
    case GroupRegistry::ShardState::kActive:
      return ErrorCode::kNone;
    case GroupRegistry::ShardState::kLoading:
      return ErrorCode::kCoordinatorLoadInProgress;
    case GroupRegistry::ShardState::kUnloaded:
      return ErrorCode::kNotCoordinator;
  }
  return ErrorCode::kNotCoordinator;
}

GroupCoordinator::Lookup GroupCoordinator::lookup(const std::string& group_id, bool create) {
  ErrorCode status = coordinator_status(group_id);
  if (status != ErrorCode::kNone) return Lookup{status, nullptr};
  if (!create) return Lookup{ErrorCode::kNone, registry_.find(group_id)};
  int32_t partition = registry_.partition_for(group_id);
  auto entry = registry_.find_or_create(group_id, [&] {
    return std::make_shared<GroupEntry>(partition, group_id, static_cast<GroupHost&>(*this), clock_());
  });
  return Lookup{ErrorCode::kNone, std::move(entry)};
}

std::string GroupCoordinator::new_member_id(std::string_view prefix) {
  uint64_t hi, lo;
  {
    std::lock_guard lock(random_mutex_);
    hi = random_();
    lo = random_();
  }
  // A version-4 UUID, as Kafka appends to the client or instance id.
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;
  char uuid[37];
  std::snprintf(uuid, sizeof uuid, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return std::string(prefix) + "-" + uuid;
}

void GroupCoordinator::persist(ClassicGroup& group, StoredGroup snapshot, PersistDone done) {
  GroupEntryPtr entry = registry_.find(group.id());
  if (!entry || &entry->group != &group) return;  // unregistered: nobody waits on it any more
  store_.write({store_ops::PutGroup{entry->partition, group.id(), std::move(snapshot)}},
               [this, entry, done = std::move(done)](const StoreWriteResult& result) {
                 std::lock_guard lock(entry->mutex);
                 Now now = clock_();
                 done(store_error_to_client(result.error), now);
                 settle(entry, now);
               });
}

void GroupCoordinator::drop_group(const GroupEntryPtr& entry, std::function<void(ErrorCode)> done) {
  registry_.remove(*entry);
  schedule_wakeup(entry, std::nullopt);
  store_.write({store_ops::DeleteGroup{entry->partition, entry->group.id()}},
               [done = std::move(done)](const StoreWriteResult& result) {
                 if (done) done(store_error_to_client(result.error));
               });
}

void GroupCoordinator::settle(const GroupEntryPtr& entry, const Now& now) {
  entry->group.advance(now);
  schedule_wakeup(entry, entry->group.is(GroupState::kDead) ? std::nullopt
                                                              : entry->group.next_deadline());
}

void GroupCoordinator::schedule_wakeup(const GroupEntryPtr& entry, std::optional<int64_t> deadline) {
  std::optional<int64_t> earliest;
  {
    std::lock_guard lock(timers_mutex_);
    if (stopped_) return;
    std::optional<int64_t> before = timers_.next();
    if (deadline) {
      timers_.schedule(entry, *deadline);
    } else {
      timers_.cancel(entry);
    }
    std::optional<int64_t> after = timers_.next();
    if (after && (!before || *after < *before)) earliest = after;
  }
  if (earliest && wakeup_) wakeup_(*earliest);
}

void GroupCoordinator::set_wakeup(std::function<void(int64_t)> wakeup) { wakeup_ = std::move(wakeup); }

std::optional<int64_t> GroupCoordinator::next_timer() const {
  std::lock_guard lock(timers_mutex_);
  return timers_.next();
}

void GroupCoordinator::run_due_timers() {
  Now now = clock_();
  std::vector<GroupEntryPtr> due;
  {
    std::lock_guard lock(timers_mutex_);
    due = timers_.pop_due(now.mono_ms);
  }
  for (const auto& entry : due) {
    std::lock_guard lock(entry->mutex);
    settle(entry, clock_());
  }
  if (auto next = next_timer(); next && wakeup_) wakeup_(*next);
}

}  // namespace skiff::kernel::groups

// GroupCoordinator over a real LMDB store with a hand-driven clock: the request
// paths as handlers use them, durability across a restart, offset expiry and
// group removal, deletion, coordinator states and the shared deadline queue.
#include <catch2/catch.hpp>

#include <atomic>

#include "group_test_support.h"
#include "kernel/groups/group_coordinator.h"
#include "kernel/groups/lmdb_offset_store.h"
#include "store_test_support.h"

using namespace skiff::test::groups;
using Coordinator = skiff::kernel::groups::GroupCoordinator;

namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;

// A coordinator on a store in a temporary directory, with a clock the test moves.
struct Fixture {
  skiff::test::TempDir dir;
  NullLogger log;
  std::atomic<int64_t> mono{1'000'000};
  std::atomic<int64_t> wall{1'700'000'000'000};
  std::atomic<int64_t> wakeup{-1};
  GroupConfig config;
  std::unique_ptr<LmdbOffsetStore> store;
  std::unique_ptr<Coordinator> coordinator;

  Fixture() {
    config.min_session_timeout_ms = 1000;
    config.initial_rebalance_delay_ms = 0;
    config.offsets_retention_ms = kDay;
    open();
  }
  void open() {
    store = std::make_unique<LmdbOffsetStore>(dir.path(), config.num_partitions, log);
    coordinator = std::make_unique<Coordinator>(config, *store, log, [this] { return Now{mono, wall}; });
    coordinator->set_wakeup([this](int64_t at) { wakeup = at; });
    coordinator->load();
  }
  void restart() {
    coordinator.reset();
    store.reset();
    open();
  }
  void advance(int64_t ms) {
    mono += ms;
    wall += ms;
  }

  std::vector<ErrorCode> commit(const std::string& group, std::vector<Coordinator::CommitPartition> parts,
                                const std::string& member = "", int32_t generation = -1) {
    Coordinator::CommitRequest r;
    r.group_id = group;
    r.member_id = member;
    r.generation = generation;
    r.partitions = std::move(parts);
    Eventually<std::vector<ErrorCode>> done;
    coordinator->commit_offsets(std::move(r), done.callback());
    return done.get();
  }
  std::optional<StoredOffset> fetch(const std::string& group, const std::string& topic, int32_t p) {
    auto result = coordinator->fetch_offsets(group, Coordinator::TopicPartitions{{topic, {p}}});
    REQUIRE(result.error == ErrorCode::kNone);
    REQUIRE(result.offsets.size() == 1);
    return result.offsets[0].offset;
  }
  JoinResult join(const std::string& group, JoinRequest r) {
    Eventually<JoinResult> done;
    coordinator->join_group(group, std::move(r), done.callback());
    return done.get();
  }
  SyncResult sync(const std::string& group, const std::string& member, int32_t generation,
                  std::vector<std::pair<std::string, Bytes>> assignment = {},
                  std::optional<std::string> instance = std::nullopt) {
    SyncRequest r;
    r.member_id = member;
    r.group_instance_id = std::move(instance);
    r.generation_id = generation;
    r.assignments = std::move(assignment);
    Eventually<SyncResult> done;
    coordinator->sync_group(group, std::move(r), done.callback());
    return done.get();
  }
  // One consumer joined (as KIP-394 clients do) and synced: returns its member id.
  std::string single_member_group(const std::string& group, std::vector<std::string> topics = {"t"},
                                  std::optional<std::string> instance = std::nullopt) {
    JoinRequest r = join_request("", {"range"}, 10000, 30000);
    r.protocols[0].metadata = subscription(std::move(topics));
    r.group_instance_id = instance;
    r.require_known_member_id = true;
    if (!instance) {
      JoinResult first = join(group, r);
      REQUIRE(first.error == ErrorCode::kMemberIdRequired);
      r.member_id = first.member_id;
    }
    JoinResult joined = join(group, r);
    REQUIRE(joined.error == ErrorCode::kNone);
    SyncResult synced = sync(group, joined.member_id, joined.generation_id,
                             {{joined.member_id, Bytes{'a'}}}, instance);
    REQUIRE(synced.error == ErrorCode::kNone);
    return joined.member_id;
  }
};

Coordinator::CommitPartition part(const std::string& topic, int32_t p, int64_t offset,
                                  std::string metadata = "", int32_t epoch = -1) {
  Coordinator::CommitPartition c;
  c.topic = topic;
  c.partition = p;
  c.offset = offset;
  c.metadata = std::move(metadata);
  c.leader_epoch = epoch;
  return c;
}

}  // namespace

TEST_CASE("commits from outside group management are stored and fetched") {
  Fixture f;
  CHECK(f.commit("simple", {part("t", 0, 42, "meta", 5), part("t", 1, 7)}) ==
        std::vector<ErrorCode>{ErrorCode::kNone, ErrorCode::kNone});
  auto o = f.fetch("simple", "t", 0);
  REQUIRE(o);
  CHECK(o->offset == 42);
  CHECK(o->metadata == "meta");
  CHECK(o->leader_epoch == 5);
  CHECK(o->commit_timestamp_ms == f.wall);
  CHECK_FALSE(f.fetch("simple", "t", 2));
  CHECK_FALSE(f.fetch("nobody", "t", 0));
  auto all = f.coordinator->fetch_offsets("simple", std::nullopt);
  CHECK(all.offsets.size() == 2);
  auto listed = f.coordinator->list_groups().groups;
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].group_id == "simple");
  CHECK(listed[0].protocol_type.empty());
  CHECK(listed[0].state == GroupState::kEmpty);
}

TEST_CASE("oversized offset metadata fails only its partition") {
  Fixture f;
  f.config.offset_metadata_max_bytes = 4;
  f.restart();
  CHECK(f.commit("g", {part("t", 0, 1, "12345"), part("t", 1, 2, "1234")}) ==
        std::vector<ErrorCode>{ErrorCode::kOffsetMetadataTooLarge, ErrorCode::kNone});
  CHECK_FALSE(f.fetch("g", "t", 0));
  CHECK(f.fetch("g", "t", 1));
}

TEST_CASE("members commit with their generation; others are refused") {
  Fixture f;
  std::string member = f.single_member_group("g");
  CHECK(f.commit("g", {part("t", 0, 5)}, member, 1) == std::vector<ErrorCode>{ErrorCode::kNone});
  CHECK(f.commit("g", {part("t", 0, 6)}, member, 2) == std::vector<ErrorCode>{ErrorCode::kIllegalGeneration});
  CHECK(f.commit("g", {part("t", 0, 6)}) == std::vector<ErrorCode>{ErrorCode::kUnknownMemberId});
  CHECK(f.commit("gone", {part("t", 0, 6)}, member, 1) == std::vector<ErrorCode>{ErrorCode::kIllegalGeneration});
  CHECK(f.fetch("g", "t", 0)->offset == 5);
}

TEST_CASE("group ids the store cannot hold, or empty ones where a member is needed, are invalid") {
  Fixture f;
  std::string long_id(300, 'g');
  CHECK(f.join(long_id, join_request()).error == ErrorCode::kInvalidGroupId);
  CHECK(f.join("", join_request()).error == ErrorCode::kInvalidGroupId);
  CHECK(f.commit(long_id, {part("t", 0, 1)}) == std::vector<ErrorCode>{ErrorCode::kInvalidGroupId});
  CHECK(f.coordinator->heartbeat("", "m", std::nullopt, 1) == ErrorCode::kInvalidGroupId);
  CHECK(f.commit("", {part("t", 0, 1)}) == std::vector<ErrorCode>{ErrorCode::kNone});
}

TEST_CASE("a known member id of an unknown group is refused without creating the group") {
  Fixture f;
  CHECK(f.join("g", join_request("stale-member")).error == ErrorCode::kUnknownMemberId);
  CHECK(f.sync("g", "stale-member", 1).error == ErrorCode::kUnknownMemberId);
  CHECK(f.coordinator->heartbeat("g", "stale-member", std::nullopt, 1) == ErrorCode::kUnknownMemberId);
  auto left = f.coordinator->leave_group("g", {LeavingMember{"stale-member", std::nullopt, std::nullopt}});
  CHECK(left.members == std::vector<ErrorCode>{ErrorCode::kUnknownMemberId});
  CHECK(f.coordinator->group_count() == 0);
  CHECK(f.join("g", join_request("", {"range"}, 100)).error == ErrorCode::kInvalidSessionTimeout);
  CHECK(f.coordinator->group_count() == 0);
}

TEST_CASE("offsets and group metadata survive a restart; members carry on with their generation") {
  Fixture f;
  std::string member = f.single_member_group("g");
  REQUIRE(f.commit("g", {part("t", 0, 99, "m", 3)}, member, 1) == std::vector<ErrorCode>{ErrorCode::kNone});
  f.restart();
  CHECK(f.fetch("g", "t", 0)->offset == 99);
  CHECK(f.fetch("g", "t", 0)->leader_epoch == 3);
  auto described = f.coordinator->describe_group("g");
  CHECK(described.state == GroupState::kStable);
  REQUIRE(described.members.size() == 1);
  CHECK(described.members[0].member_id == member);
  CHECK(described.members[0].assignment == Bytes{'a'});
  CHECK(f.coordinator->heartbeat("g", member, std::nullopt, 1) == ErrorCode::kNone);
  CHECK(f.sync("g", member, 1).assignment == Bytes{'a'});
  // The restored member's session still expires.
  f.advance(10001);
  f.coordinator->run_due_timers();
  CHECK(f.coordinator->describe_group("g").state != GroupState::kStable);
}

TEST_CASE("a static member restarting after a broker restart keeps its place") {
  Fixture f;
  std::string first = f.single_member_group("g", {"t"}, "instance-1");
  f.restart();
  JoinRequest again = join_request("", {"range"}, 10000, 30000);
  again.protocols[0].metadata = subscription({"t"});
  again.group_instance_id = "instance-1";
  JoinResult rejoined = f.join("g", again);
  CHECK(rejoined.error == ErrorCode::kNone);
  CHECK(rejoined.generation_id == 1);
  CHECK(rejoined.member_id != first);
  CHECK(f.sync("g", rejoined.member_id, 1, {}, "instance-1").assignment == Bytes{'a'});
  CHECK(f.coordinator->heartbeat("g", first, "instance-1", 1) == ErrorCode::kFencedInstanceId);
}

TEST_CASE("session expiry is driven through the shared deadline queue") {
  Fixture f;
  std::string member = f.single_member_group("g");
  CHECK(f.wakeup >= f.mono);  // the coordinator asked to be woken for the session deadline
  f.advance(9000);
  f.coordinator->run_due_timers();
  CHECK(f.coordinator->describe_group("g").members.size() == 1);
  f.advance(1001);
  f.coordinator->run_due_timers();
  auto d = f.coordinator->describe_group("g");
  CHECK(d.members.empty());
  CHECK(d.state == GroupState::kEmpty);
}

TEST_CASE("offsets of an Empty group expire after the retention; then the group goes") {
  Fixture f;
  std::string member = f.single_member_group("g");
  f.commit("g", {part("t", 0, 1)}, member, 1);
  auto left = f.coordinator->leave_group("g", {LeavingMember{member, std::nullopt, std::nullopt}});
  REQUIRE(left.members == std::vector<ErrorCode>{ErrorCode::kNone});
  REQUIRE(f.coordinator->describe_group("g").state == GroupState::kEmpty);
  f.advance(kDay - 1);
  Eventually<int> first;
  f.coordinator->expire_offsets([cb = first.callback()] { cb(0); });
  first.get();
  CHECK(f.fetch("g", "t", 0));
  f.advance(1);
  Eventually<int> second;
  f.coordinator->expire_offsets([cb = second.callback()] { cb(0); });
  second.get();
  CHECK_FALSE(f.fetch("g", "t", 0));
  CHECK(f.coordinator->list_groups().groups.empty());
  f.restart();
  CHECK(f.coordinator->group_count() == 0);
}

TEST_CASE("offsets of a simple group expire one by one from their commit time") {
  Fixture f;
  f.commit("simple", {part("t", 0, 1)});
  f.advance(kDay / 2);
  f.commit("simple", {part("t", 1, 1)});
  f.advance(kDay / 2);
  Eventually<int> done;
  f.coordinator->expire_offsets([cb = done.callback()] { cb(0); });
  done.get();
  CHECK_FALSE(f.fetch("simple", "t", 0));
  CHECK(f.fetch("simple", "t", 1));
  CHECK(f.coordinator->group_count() == 1);
}

TEST_CASE("an active consumer group keeps the offsets of topics it consumes") {
  Fixture f;
  std::string member = f.single_member_group("g", {"consumed"});
  f.commit("g", {part("consumed", 0, 1), part("dropped", 0, 1)}, member, 1);
  f.advance(kDay);
  f.coordinator->heartbeat("g", member, std::nullopt, 1);
  Eventually<int> done;
  f.coordinator->expire_offsets([cb = done.callback()] { cb(0); });
  done.get();
  CHECK(f.fetch("g", "consumed", 0));
  CHECK_FALSE(f.fetch("g", "dropped", 0));
}

TEST_CASE("DeleteGroups deletes only empty groups, with their offsets") {
  Fixture f;
  f.single_member_group("active");
  f.commit("idle", {part("t", 0, 1)});
  Eventually<std::vector<ErrorCode>> done;
  f.coordinator->delete_groups({"active", "idle", "unknown"}, done.callback());
  CHECK(done.get() == std::vector<ErrorCode>{ErrorCode::kNonEmptyGroup, ErrorCode::kNone,
                                             ErrorCode::kGroupIdNotFound});
  CHECK_FALSE(f.fetch("idle", "t", 0));
  CHECK(f.coordinator->describe_group("idle").state == GroupState::kDead);
  f.restart();
  CHECK_FALSE(f.fetch("idle", "t", 0));
  CHECK(f.coordinator->group_count() == 1);
}

TEST_CASE("OffsetDelete spares topics an active consumer group subscribes to") {
  Fixture f;
  std::string member = f.single_member_group("g", {"consumed"});
  f.commit("g", {part("consumed", 0, 1), part("other", 0, 1)}, member, 1);
  Eventually<Coordinator::OffsetDeleteResult> done;
  f.coordinator->delete_offsets("g", {{"consumed", 0}, {"other", 0}}, done.callback());
  auto result = done.get();
  CHECK(result.error == ErrorCode::kNone);
  CHECK(result.partitions == std::vector<ErrorCode>{ErrorCode::kGroupSubscribedToTopic, ErrorCode::kNone});
  CHECK(f.fetch("g", "consumed", 0));
  CHECK_FALSE(f.fetch("g", "other", 0));
  Eventually<Coordinator::OffsetDeleteResult> unknown;
  f.coordinator->delete_offsets("nope", {{"t", 0}}, unknown.callback());
  CHECK(unknown.get().error == ErrorCode::kGroupIdNotFound);
}

TEST_CASE("before loading and after shutdown the coordinator says so") {
  skiff::test::TempDir dir;
  NullLogger log;
  GroupConfig config;
  LmdbOffsetStore store(dir.path(), config.num_partitions, log);
  Coordinator c(config, store, log);
  CHECK(c.coordinator_status("g") == ErrorCode::kCoordinatorLoadInProgress);
  CHECK(c.heartbeat("g", "m", std::nullopt, 1) == ErrorCode::kNone);  // loading: all is well
  Eventually<SyncResult> sync;
  c.sync_group("g", SyncRequest{"m", std::nullopt, 1, std::nullopt, std::nullopt, {}}, sync.callback());
  CHECK(sync.get().error == ErrorCode::kRebalanceInProgress);
  c.load();
  CHECK(c.coordinator_status("g") == ErrorCode::kNone);
  c.shutdown();
  CHECK(c.coordinator_status("g") == ErrorCode::kNotCoordinator);
}

TEST_CASE("shutdown answers parked JoinGroups with NOT_COORDINATOR") {
  Fixture f;
  std::string a = f.single_member_group("g");
  // A second member parks: the first has not rejoined yet.
  JoinRequest r = join_request("", {"range"}, 10000, 30000);
  Eventually<JoinResult> parked;
  f.coordinator->join_group("g", r, parked.callback());
  CHECK_FALSE(parked.ready());
  f.coordinator->shutdown();
  CHECK(parked.get().error == ErrorCode::kNotCoordinator);
}

// ClassicGroup: bad input gets Kafka's error code and leaves the group consistent:
// unknown members, wrong generations, requests in the wrong state, session
// timeouts out of range, group.max.size, a storm of joins, offset-commit rules.
#include <catch2/catch.hpp>

#include "group_test_support.h"
#include "stable_group.h"

using namespace skiff::test::groups;

TEST_CASE("session timeouts outside the configured range are refused") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  CHECK(join(g, join_request("", {"range"}, 999), at(0))->error == ErrorCode::kInvalidSessionTimeout);
  CHECK(join(g, join_request("", {"range"}, 60001), at(0))->error == ErrorCode::kInvalidSessionTimeout);
  CHECK(g.is(GroupState::kEmpty));
  CHECK(g.size() == 0);
}

TEST_CASE("unknown members and wrong generations") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 2, at(0));
  CHECK(g.heartbeat("stranger", std::nullopt, s.generation, at(1)) == ErrorCode::kUnknownMemberId);
  CHECK(g.heartbeat(s.members[0], std::nullopt, s.generation + 1, at(1)) == ErrorCode::kIllegalGeneration);
  CHECK(g.heartbeat(s.members[0], "not-static", s.generation, at(1)) == ErrorCode::kUnknownMemberId);
  CHECK(sync(g, "stranger", s.generation, at(1))->error == ErrorCode::kUnknownMemberId);
  CHECK(sync(g, s.members[1], s.generation - 1, at(1))->error == ErrorCode::kIllegalGeneration);
  CHECK(join(g, join_request("stranger"), at(1))->error == ErrorCode::kUnknownMemberId);
  SyncRequest wrong_protocol;
  wrong_protocol.member_id = s.members[1];
  wrong_protocol.generation_id = s.generation;
  wrong_protocol.protocol_name = "roundrobin";
  SyncAnswer a;
  g.sync(wrong_protocol, at(1), a.callback());
  CHECK(a->error == ErrorCode::kInconsistentGroupProtocol);
  CHECK(g.is(GroupState::kStable));
  CHECK(g.size() == 2);
}

TEST_CASE("SyncGroup during PreparingRebalance and in an Empty group") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 2, at(0));
  join(g, join_request(s.members[0]), at(10));
  CHECK(sync(g, s.members[1], s.generation, at(11))->error == ErrorCode::kRebalanceInProgress);
  ClassicGroup empty("e", host, at(0));
  CHECK(sync(empty, "x", 0, at(0))->error == ErrorCode::kUnknownMemberId);
  CHECK(empty.heartbeat("x", std::nullopt, 0, at(0)) == ErrorCode::kUnknownMemberId);
}

TEST_CASE("group.max.size turns away members beyond the limit") {
  FakeHost host;
  host.mutable_config().max_size = 2;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 2, at(0));
  JoinAnswer third = join(g, join_request(), at(10));
  REQUIRE(third.ready());
  CHECK(third->error == ErrorCode::kGroupMaxSizeReached);
  CHECK(g.size() == 2);
  CHECK(g.is(GroupState::kStable));
  // Existing members still rejoin.
  JoinAnswer rejoin = join(g, join_request(s.members[0]), at(20));
  CHECK_FALSE(rejoin.ready());
  CHECK(g.is(GroupState::kPreparingRebalance));
}

TEST_CASE("a storm of joins without member ids leaves only expiring pending ids") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 1, at(0), join_request("", {"range"}, 5000, 30000));
  JoinRequest r = join_request("", {"range"}, 5000, 30000);
  r.require_known_member_id = true;
  for (int i = 0; i < 5000; ++i) {
    JoinAnswer a = join(g, r, at(i % 100));
    REQUIRE(a->error == ErrorCode::kMemberIdRequired);
  }
  CHECK(g.pending_member_count() == 5000);
  CHECK(g.is(GroupState::kStable));
  CHECK(g.heartbeat(s.members[0], std::nullopt, s.generation, at(4000)) == ErrorCode::kNone);
  g.advance(at(5100));
  CHECK(g.pending_member_count() == 0);
  CHECK(g.size() == 1);
  CHECK(g.is(GroupState::kStable));
}

TEST_CASE("a JoinGroup parked twice for the same member answers the first") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 2, at(0));
  JoinAnswer first = join(g, join_request(s.members[0]), at(10));
  JoinAnswer second = join(g, join_request(s.members[0]), at(20));
  REQUIRE(first.ready());
  CHECK(first->error == ErrorCode::kRebalanceInProgress);
  CHECK_FALSE(second.ready());
  join(g, join_request(s.members[1]), at(30));
  REQUIRE(second.ready());
  CHECK(second->error == ErrorCode::kNone);
  CHECK(first.calls() == 1);
}

TEST_CASE("offset commits: members, outsiders, and the rebalance states") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  // An empty group takes commits from outside group management.
  CHECK(g.validate_offset_commit("", std::nullopt, -1, false, at(0)) == ErrorCode::kNone);
  StableGroup s = make_stable(g, host, 2, at(0));
  CHECK(g.validate_offset_commit("", std::nullopt, -1, false, at(1)) == ErrorCode::kUnknownMemberId);
  CHECK(g.validate_offset_commit(s.members[0], std::nullopt, s.generation, false, at(1)) == ErrorCode::kNone);
  CHECK(g.validate_offset_commit(s.members[0], std::nullopt, s.generation - 1, false, at(1)) ==
        ErrorCode::kIllegalGeneration);
  CHECK(g.validate_offset_commit("stranger", std::nullopt, s.generation, false, at(1)) ==
        ErrorCode::kUnknownMemberId);
  // Commits stay allowed while the group prepares a rebalance...
  join(g, join_request(s.members[0]), at(2));
  CHECK(g.validate_offset_commit(s.members[1], std::nullopt, s.generation, false, at(3)) == ErrorCode::kNone);
  // ...but not between JoinGroup and SyncGroup of the new generation.
  join(g, join_request(s.members[1]), at(4));
  REQUIRE(g.is(GroupState::kCompletingRebalance));
  CHECK(g.validate_offset_commit(s.members[1], std::nullopt, s.generation + 1, false, at(5)) ==
        ErrorCode::kRebalanceInProgress);
  // Transactional commits (later) skip the state check.
  CHECK(g.validate_offset_commit(s.members[1], std::nullopt, s.generation + 1, true, at(5)) == ErrorCode::kNone);
}

TEST_CASE("a member's offset commit counts as a heartbeat") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 1, at(0), join_request("", {"range"}, 6000, 30000));
  CHECK(g.validate_offset_commit(s.members[0], std::nullopt, s.generation, false, at(5000)) == ErrorCode::kNone);
  g.advance(at(10000));
  CHECK(g.size() == 1);
  g.advance(at(11000));
  CHECK(g.size() == 0);
}

TEST_CASE("a failed write of the leader's assignment sends everyone back to JoinGroup") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  auto [a, ja] = join_new(g, at(0));
  auto [b, jb] = join_new(g, at(0));
  g.advance(at(0));
  std::string leader = *g.leader();
  std::string follower = leader == a ? b : a;
  SyncAnswer fs = sync(g, follower, 1, at(1));
  SyncAnswer ls = sync(g, leader, 1, at(1), {{leader, {'L'}}});
  host.complete_write(at(2), ErrorCode::kNotCoordinator);
  REQUIRE(fs.ready());
  REQUIRE(ls.ready());
  CHECK(fs->error == ErrorCode::kNotCoordinator);
  CHECK(ls->error == ErrorCode::kNotCoordinator);
  CHECK(g.is(GroupState::kPreparingRebalance));
}

TEST_CASE("a write completing after the group moved on changes nothing") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  auto [a, ja] = join_new(g, at(0));
  g.advance(at(0));
  sync(g, a, 1, at(1), {{a, {'x'}}});
  join(g, join_request(a, {"range", "roundrobin"}), at(2));  // rejoin before the write completes
  host.complete_write(at(3));
  CHECK(g.generation() == 2);
  CHECK(g.is(GroupState::kCompletingRebalance));
}

TEST_CASE("deleting and unloading groups") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 2, at(0));
  CHECK(g.mark_dead_for_deletion(at(1)) == ErrorCode::kNonEmptyGroup);
  JoinAnswer parked = join(g, join_request(s.members[0]), at(2));
  g.unload(ErrorCode::kNotCoordinator, at(3));
  REQUIRE(parked.ready());
  CHECK(parked->error == ErrorCode::kNotCoordinator);
  CHECK(g.is(GroupState::kDead));
  CHECK_FALSE(g.next_deadline());
  CHECK(g.heartbeat(s.members[0], std::nullopt, s.generation, at(4)) == ErrorCode::kCoordinatorNotAvailable);
  CHECK(join(g, join_request(), at(4))->error == ErrorCode::kCoordinatorNotAvailable);
  CHECK(g.mark_dead_for_deletion(at(5)) == ErrorCode::kGroupIdNotFound);

  ClassicGroup empty("e", host, at(0));
  CHECK(empty.mark_dead_for_deletion(at(1)) == ErrorCode::kNone);
  CHECK(empty.is(GroupState::kDead));
}

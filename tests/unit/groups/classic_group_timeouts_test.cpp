// ClassicGroup: every deadline, driven by explicit time: the initial rebalance
// delay and its extension, the rebalance timeout, session expiry, the new-member
// join timeout, KIP-394 pending ids, and members that never send SyncGroup.
#include <catch2/catch.hpp>

#include "group_test_support.h"
#include "stable_group.h"

using namespace skiff::test::groups;

TEST_CASE("the initial rebalance delay waits for more members, extended up to the rebalance timeout") {
  FakeHost host;
  host.mutable_config().initial_rebalance_delay_ms = 3000;
  ClassicGroup g("g", host, at(0));
  auto [a, ja] = join_new(g, at(0), join_request("", {"range"}, 10000, 10000));
  CHECK(g.next_deadline() == 3000);
  auto [b, jb] = join_new(g, at(1000), join_request("", {"range"}, 10000, 10000));
  g.advance(at(2999));
  CHECK_FALSE(ja.ready());
  g.advance(at(3000));  // a member arrived during the delay: wait once more
  CHECK_FALSE(ja.ready());
  CHECK(g.next_deadline() == 6000);
  g.advance(at(6000));  // nobody new: complete
  REQUIRE(ja.ready());
  REQUIRE(jb.ready());
  CHECK(ja->generation_id == 1);
  CHECK((ja->leader == a ? ja : jb)->members.size() == 2);
}

TEST_CASE("the initial delay does not end early even when everyone has joined") {
  FakeHost host;
  host.mutable_config().initial_rebalance_delay_ms = 500;
  ClassicGroup g("g", host, at(0));
  auto [a, ja] = join_new(g, at(0));
  g.advance(at(499));
  CHECK_FALSE(ja.ready());
  g.advance(at(500));
  CHECK(ja.ready());
}

TEST_CASE("members that do not rejoin within the rebalance timeout are removed") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 3, at(0), join_request("", {"range"}, 60000, 5000));
  // Member 1 keeps heartbeating but never rejoins; member 2 rejoins.
  JoinAnswer j0 = join(g, join_request(s.members[0], {"range"}, 60000, 5000), at(1000));
  JoinAnswer j2 = join(g, join_request(s.members[2], {"range"}, 60000, 5000), at(1100));
  CHECK(g.heartbeat(s.members[1], std::nullopt, s.generation, at(3000)) ==
        ErrorCode::kRebalanceInProgress);
  CHECK(g.next_deadline() == 6000);
  g.advance(at(5999));
  CHECK_FALSE(j0.ready());
  g.advance(at(6000));
  REQUIRE(j0.ready());
  REQUIRE(j2.ready());
  CHECK(g.size() == 2);
  CHECK(j0->generation_id == s.generation + 1);
  CHECK(g.heartbeat(s.members[1], std::nullopt, s.generation, at(6001)) == ErrorCode::kUnknownMemberId);
}

TEST_CASE("a member whose session expires is removed and the others rebalance") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 2, at(0), join_request("", {"range"}, 6000, 30000));
  for (int t = 2000; t <= 6000; t += 2000) {
    CHECK(g.heartbeat(s.members[0], std::nullopt, s.generation, at(t)) == ErrorCode::kNone);
    g.advance(at(t));
  }
  // members[1] last showed itself at 0: its session ends at 6000.
  CHECK(g.is(GroupState::kPreparingRebalance));
  CHECK(g.size() == 1);
  CHECK(g.heartbeat(s.members[0], std::nullopt, s.generation, at(8500)) ==
        ErrorCode::kRebalanceInProgress);
  JoinAnswer j = join(g, join_request(s.members[0], {"range"}, 6000, 30000), at(9000));
  REQUIRE(j.ready());
  CHECK(j->generation_id == s.generation + 1);
  CHECK(j->members.size() == 1);
}

TEST_CASE("the last member's session expiring empties the group") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  make_stable(g, host, 1, at(0), join_request("", {"range"}, 6000, 30000));
  g.advance(at(6000));
  CHECK(g.is(GroupState::kEmpty));
  CHECK(g.size() == 0);
  CHECK_FALSE(g.next_deadline());
}

TEST_CASE("members parked in a rebalance are kept alive past their session timeout") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 2, at(0), join_request("", {"range"}, 6000, 20000));
  JoinAnswer j0 = join(g, join_request(s.members[0], {"range"}, 6000, 20000), at(1000));
  // members[1] heartbeats during the rebalance, then rejoins late.
  for (int t = 3000; t <= 15000; t += 3000) {
    g.heartbeat(s.members[1], std::nullopt, s.generation, at(t));
    g.advance(at(t));
  }
  CHECK(g.size() == 2);  // members[0] waited 14s in JoinGroup with a 6s session
  JoinAnswer j1 = join(g, join_request(s.members[1], {"range"}, 6000, 20000), at(16000));
  REQUIRE(j0.ready());
  CHECK(j0->error == ErrorCode::kNone);
  CHECK(j0->members.size() == 2);
}

TEST_CASE("a new member's parked JoinGroup times out on its own") {
  FakeHost host;
  host.mutable_config().new_member_join_timeout_ms = 300000;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 1, at(0), join_request("", {"range"}, 60000, 600000));
  // A new member joins; the old one never rejoins but keeps its session alive.
  auto [n, jn] = join_new(g, at(1000), join_request("", {"range"}, 60000, 600000));
  CHECK(g.is(GroupState::kPreparingRebalance));
  for (int t = 50000; t < 301000; t += 50000) {
    g.heartbeat(s.members[0], std::nullopt, s.generation, at(t));
    g.advance(at(t));
  }
  g.advance(at(301000));
  REQUIRE(jn.ready());
  CHECK(jn->error == ErrorCode::kUnknownMemberId);
  CHECK(g.size() == 1);
}

TEST_CASE("KIP-394 pending member ids expire after the session timeout and stop holding the join") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 1, at(0), join_request("", {"range"}, 6000, 30000));
  JoinRequest r = join_request("", {"range"}, 6000, 30000);
  r.require_known_member_id = true;
  std::string pending = join(g, r, at(100))->member_id;
  JoinAnswer j = join(g, join_request(s.members[0], {"range"}, 6000, 30000), at(200));
  CHECK_FALSE(j.ready());  // still waiting for the pending member
  g.advance(at(6099));
  CHECK_FALSE(j.ready());
  g.advance(at(6100));
  REQUIRE(j.ready());
  CHECK(j->members.size() == 1);
  CHECK(g.pending_member_count() == 0);
  // The expired id is no longer accepted as pending: it is unknown.
  r.member_id = pending;
  CHECK(join(g, r, at(6200))->error == ErrorCode::kUnknownMemberId);
}

TEST_CASE("a member that never sends SyncGroup is removed after the rebalance timeout") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  auto [a, ja] = join_new(g, at(0), join_request("", {"range"}, 60000, 5000));
  auto [b, jb] = join_new(g, at(0), join_request("", {"range"}, 60000, 5000));
  g.advance(at(0));
  std::string leader = *g.leader();
  std::string silent = leader == a ? b : a;
  SyncAnswer ls = sync(g, leader, 1, at(100), {{leader, {'L'}}, {silent, {'S'}}});
  host.complete_write(at(101));
  REQUIRE(ls.ready());
  CHECK(g.is(GroupState::kStable));
  g.advance(at(4999));
  CHECK(g.size() == 2);
  g.advance(at(5000));
  CHECK(g.size() == 1);
  CHECK(g.is(GroupState::kPreparingRebalance));
  CHECK(g.heartbeat(leader, std::nullopt, 1, at(5001)) == ErrorCode::kRebalanceInProgress);
}

TEST_CASE("a leader that never sends SyncGroup is removed and parked followers rejoin") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  auto [a, ja] = join_new(g, at(0), join_request("", {"range"}, 60000, 5000));
  auto [b, jb] = join_new(g, at(0), join_request("", {"range"}, 60000, 5000));
  g.advance(at(0));
  std::string leader = *g.leader();
  std::string follower = leader == a ? b : a;
  SyncAnswer fs = sync(g, follower, 1, at(100));
  CHECK_FALSE(fs.ready());
  g.advance(at(5000));
  REQUIRE(fs.ready());
  CHECK(fs->error == ErrorCode::kRebalanceInProgress);
  CHECK(g.size() == 1);
  CHECK(g.leader() == follower);
  JoinAnswer j = join(g, join_request(follower, {"range"}, 60000, 5000), at(5100));
  REQUIRE(j.ready());
  CHECK(j->leader == follower);
}

TEST_CASE("a rebalance with nobody rejoining waits for sessions to expire") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  JoinRequest stat = join_request("", {"range"}, 6000, 2000);
  stat.group_instance_id = "static-1";
  JoinAnswer js = join(g, stat, at(0));
  g.advance(at(0));
  REQUIRE(js.ready());
  std::string member = js->member_id;
  sync(g, member, 1, at(0), {{member, {'x'}}});
  host.complete_write(at(1));
  // Force a rebalance by a new member that then leaves; the static member does
  // not rejoin and is not removed by the rebalance timeout.
  auto [n, jn] = join_new(g, at(100), join_request("", {"range"}, 6000, 2000));
  CHECK(g.leave(LeavingMember{n, std::nullopt, std::nullopt}, at(200)) == ErrorCode::kNone);
  g.advance(at(2100));
  CHECK(g.is(GroupState::kPreparingRebalance));
  CHECK(g.size() == 1);
  g.advance(at(6000));
  CHECK(g.size() == 1);
  g.advance(at(6001));  // its session ends (last refreshed when its assignment was stored)
  CHECK(g.size() == 0);
  CHECK(g.is(GroupState::kEmpty));
}

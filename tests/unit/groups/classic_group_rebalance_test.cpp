// ClassicGroup: the normal rebalance paths, from Empty through Stable and back.
#include <catch2/catch.hpp>

#include <algorithm>

#include "group_test_support.h"
#include "stable_group.h"

using namespace skiff::test::groups;

TEST_CASE("KIP-394: a new member is given an id and joins with it") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  JoinRequest r = join_request();
  r.require_known_member_id = true;
  JoinAnswer first = join(g, r, at(0));
  REQUIRE(first.ready());
  CHECK(first->error == ErrorCode::kMemberIdRequired);
  CHECK(first->member_id == "client-1");
  CHECK(g.is(GroupState::kEmpty));
  CHECK(g.pending_member_count() == 1);

  r.member_id = first->member_id;
  JoinAnswer second = join(g, r, at(10));
  CHECK_FALSE(second.ready());  // parked for the initial delay (0 here: until advance)
  CHECK(g.is(GroupState::kPreparingRebalance));
  g.advance(at(10));
  REQUIRE(second.ready());
  CHECK(second->error == ErrorCode::kNone);
  CHECK(second->generation_id == 1);
  CHECK(second->leader == "client-1");
  CHECK(second->protocol_name == "range");
  CHECK(second->protocol_type == "consumer");
  REQUIRE(second->members.size() == 1);  // the leader sees every member's metadata
  CHECK(g.is(GroupState::kCompletingRebalance));
  CHECK(g.pending_member_count() == 0);
}

TEST_CASE("the leader's SyncGroup is stored before anyone gets an assignment") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  auto [a, ja] = join_new(g, at(0));
  auto [b, jb] = join_new(g, at(0));
  g.advance(at(0));
  REQUIRE(ja.ready());
  REQUIRE(jb.ready());
  std::string leader = *g.leader();
  std::string follower = leader == a ? b : a;
  CHECK((leader == a ? ja : jb)->members.size() == 2);
  CHECK((leader == a ? jb : ja)->members.empty());

  SyncAnswer fs = sync(g, follower, 1, at(5));
  CHECK_FALSE(fs.ready());
  SyncAnswer ls = sync(g, leader, 1, at(6), {{leader, {'L'}}, {follower, {'F'}}});
  CHECK_FALSE(ls.ready());
  REQUIRE(host.writes.size() == 1);
  CHECK(g.is(GroupState::kCompletingRebalance));

  StoredGroup stored = host.complete_write(at(7));
  CHECK(stored.generation_id == 1);
  CHECK(stored.members.size() == 2);
  REQUIRE(fs.ready());
  REQUIRE(ls.ready());
  CHECK(fs->assignment == Bytes{'F'});
  CHECK(ls->assignment == Bytes{'L'});
  CHECK(g.is(GroupState::kStable));

  // A late SyncGroup in Stable gets the current assignment at once.
  SyncAnswer again = sync(g, follower, 1, at(8));
  REQUIRE(again.ready());
  CHECK(again->assignment == Bytes{'F'});
}

TEST_CASE("members the leader left out get an empty assignment") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  auto [a, ja] = join_new(g, at(0));
  auto [b, jb] = join_new(g, at(0));
  g.advance(at(0));
  std::string leader = *g.leader();
  std::string follower = leader == a ? b : a;
  SyncAnswer fs = sync(g, follower, 1, at(1));
  sync(g, leader, 1, at(1), {{leader, {'L'}}, {"someone-else", {'X'}}});
  host.complete_write(at(2));
  REQUIRE(fs.ready());
  CHECK(fs->error == ErrorCode::kNone);
  CHECK(fs->assignment.empty());
}

TEST_CASE("a rebalance completes as soon as every member has rejoined") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 2, at(0));
  JoinAnswer j0 = join(g, join_request(s.members[0]), at(100));  // the leader's rejoin rebalances
  CHECK(g.is(GroupState::kPreparingRebalance));
  CHECK_FALSE(j0.ready());
  CHECK(g.heartbeat(s.members[1], std::nullopt, s.generation, at(110)) ==
        ErrorCode::kRebalanceInProgress);
  JoinAnswer j1 = join(g, join_request(s.members[1]), at(120));
  REQUIRE(j0.ready());
  REQUIRE(j1.ready());
  CHECK(j1->generation_id == s.generation + 1);
  CHECK(g.is(GroupState::kCompletingRebalance));
}

TEST_CASE("a follower rejoining with unchanged metadata in Stable gets the current generation") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 2, at(0));
  JoinAnswer j = join(g, join_request(s.members[1]), at(50));
  REQUIRE(j.ready());
  CHECK(j->error == ErrorCode::kNone);
  CHECK(j->generation_id == s.generation);
  CHECK(g.is(GroupState::kStable));
  // Changed metadata forces a rebalance.
  JoinAnswer changed = join(g, join_request(s.members[1], {"range", "roundrobin"}), at(60));
  CHECK_FALSE(changed.ready());
  CHECK(g.is(GroupState::kPreparingRebalance));
}

TEST_CASE("the protocol every member supports with the most votes is chosen") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  auto [a, ja] = join_new(g, at(0), join_request("", {"range", "roundrobin"}));
  auto [b, jb] = join_new(g, at(0), join_request("", {"roundrobin", "sticky"}));
  g.advance(at(0));
  REQUIRE(ja.ready());
  CHECK(ja->protocol_name == "roundrobin");
  CHECK(g.protocol_name() == "roundrobin");
}

TEST_CASE("members with no protocol in common, or another protocol type, are refused") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 1, at(0));
  JoinRequest other = join_request("", {"sticky"});
  JoinAnswer no_common = join(g, other, at(1));
  REQUIRE(no_common.ready());
  CHECK(no_common->error == ErrorCode::kInconsistentGroupProtocol);
  JoinRequest connect = join_request();
  connect.protocol_type = "connect";
  JoinAnswer wrong_type = join(g, connect, at(1));
  CHECK(wrong_type->error == ErrorCode::kInconsistentGroupProtocol);
  JoinRequest empty_type = join_request();
  empty_type.protocol_type.clear();
  ClassicGroup fresh("h", host, at(0));
  CHECK(join(fresh, empty_type, at(0))->error == ErrorCode::kInconsistentGroupProtocol);
  CHECK(g.is(GroupState::kStable));
  CHECK(g.size() == 1);
}

TEST_CASE("the last member leaving empties the group and the empty generation is stored") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 2, at(0));
  CHECK(g.leave(LeavingMember{s.members[0], std::nullopt, "bye"}, at(10)) == ErrorCode::kNone);
  CHECK(g.is(GroupState::kPreparingRebalance));
  CHECK(g.leader() == s.members[1]);
  // The other member rejoins: the rebalance completes without the leaver.
  JoinAnswer j = join(g, join_request(s.members[1]), at(20));
  REQUIRE(j.ready());
  CHECK(j->leader == s.members[1]);
  CHECK(g.leave(LeavingMember{s.members[1], std::nullopt, std::nullopt}, at(30)) == ErrorCode::kNone);
  CHECK(g.is(GroupState::kPreparingRebalance));
  g.advance(at(30));  // nobody is left to wait for
  CHECK(g.is(GroupState::kEmpty));
  CHECK(g.generation() == s.generation + 2);
  REQUIRE(host.writes.size() == 1);
  StoredGroup empty = host.complete_write(at(31));
  CHECK(empty.members.empty());
  CHECK(empty.protocol_type == "consumer");
  CHECK_FALSE(empty.protocol_name);
}

TEST_CASE("LeaveGroup removes members by id, pending id and instance id") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  StableGroup s = make_stable(g, host, 1, at(0));
  CHECK(g.leave(LeavingMember{"nobody", std::nullopt, std::nullopt}, at(1)) == ErrorCode::kUnknownMemberId);
  CHECK(g.leave(LeavingMember{"", std::nullopt, std::nullopt}, at(1)) == ErrorCode::kUnknownMemberId);
  JoinRequest r = join_request();
  r.require_known_member_id = true;
  std::string pending = join(g, r, at(2))->member_id;
  CHECK(g.pending_member_count() == 1);
  CHECK(g.leave(LeavingMember{pending, std::nullopt, std::nullopt}, at(3)) == ErrorCode::kNone);
  CHECK(g.pending_member_count() == 0);
  CHECK(g.is(GroupState::kStable));
}

TEST_CASE("consumer subscriptions tell which topics the group consumes") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  JoinRequest a = join_request();
  a.protocols = {Protocol{"range", subscription({"orders", "payments"})}};
  JoinRequest b = join_request();
  b.protocols = {Protocol{"range", subscription({"audit"})}};
  join_new(g, at(0), a);
  join_new(g, at(0), b);
  g.advance(at(0));
  REQUIRE(g.subscribed_topics());
  CHECK(*g.subscribed_topics() == std::set<std::string>{"audit", "orders", "payments"});
  CHECK(g.is_subscribed_to("orders"));
  CHECK_FALSE(g.is_subscribed_to("other"));
}

TEST_CASE("a stored group comes back Stable with its members, generation and assignment") {
  FakeHost host;
  StoredGroup stored;
  {
    ClassicGroup g("g", host, at(0));
    make_stable(g, host, 2, at(0));
    stored = g.snapshot();
  }
  ClassicGroup back("g", host, stored, at(1000));
  CHECK(back.is(GroupState::kStable));
  CHECK(back.generation() == stored.generation_id);
  CHECK(back.size() == 2);
  CHECK(back.leader() == stored.leader);
  const std::string& member = stored.members[0].member_id;
  CHECK(back.heartbeat(member, std::nullopt, stored.generation_id, at(1001)) == ErrorCode::kNone);
  SyncAnswer s = sync(back, member, stored.generation_id, at(1002));
  REQUIRE(s.ready());
  CHECK(s->assignment == stored.members[0].assignment);
  auto by_id = [](StoredGroup g) {
    std::sort(g.members.begin(), g.members.end(),
              [](const StoredMember& x, const StoredMember& y) { return x.member_id < y.member_id; });
    return g;
  };
  CHECK(by_id(back.snapshot()) == by_id(stored));
}

// ClassicGroup: static membership (KIP-345): a restarted instance takes its old
// place without a rebalance, and a duplicate instance fences the previous one.
#include <catch2/catch.hpp>

#include "group_test_support.h"

using namespace skiff::test::groups;

namespace {

JoinRequest static_request(const std::string& instance, std::string member_id = "") {
  JoinRequest r = join_request(std::move(member_id), {"range"}, 10000, 30000);
  r.group_instance_id = instance;
  return r;
}

struct TwoStatic {
  std::string a, b;  // member ids of instances "ia" and "ib"
};

// A Stable group of two static members.
TwoStatic make_static_pair(ClassicGroup& g, FakeHost& host) {
  JoinAnswer ja = join(g, static_request("ia"), at(0));
  JoinAnswer jb = join(g, static_request("ib"), at(0));
  g.advance(at(0));
  TwoStatic t{ja->member_id, jb->member_id};
  std::string leader = *g.leader();
  std::string other = leader == t.a ? t.b : t.a;
  sync(g, other, 1, at(0), {}, leader == t.a ? "ib" : "ia");
  sync(g, leader, 1, at(0), {{t.a, {'A'}}, {t.b, {'B'}}}, leader == t.a ? "ia" : "ib");
  host.complete_all_writes(at(0));
  return t;
}

}  // namespace

TEST_CASE("static members join without KIP-394's second JoinGroup") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  JoinRequest r = static_request("ia");
  r.require_known_member_id = true;
  JoinAnswer j = join(g, r, at(0));
  g.advance(at(0));
  REQUIRE(j.ready());
  CHECK(j->error == ErrorCode::kNone);
  CHECK(j->member_id.rfind("ia-", 0) == 0);
}

TEST_CASE("a restarted static member gets its assignment back with no rebalance") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  TwoStatic t = make_static_pair(g, host);
  REQUIRE(g.is(GroupState::kStable));
  // Instance "ib" restarts: unknown member id, same instance id and protocols.
  JoinAnswer rejoin = join(g, static_request("ib"), at(1000));
  CHECK_FALSE(rejoin.ready());  // its new member id is stored first
  REQUIRE(host.writes.size() == 1);
  host.complete_write(at(1001));
  REQUIRE(rejoin.ready());
  CHECK(rejoin->error == ErrorCode::kNone);
  CHECK(rejoin->generation_id == 1);
  std::string new_id = rejoin->member_id;
  CHECK(new_id != t.b);
  CHECK(g.is(GroupState::kStable));
  CHECK(g.generation() == 1);
  SyncAnswer s = sync(g, new_id, 1, at(1002), {}, "ib");
  REQUIRE(s.ready());
  CHECK(s->assignment == Bytes{'B'});
  // The other member was never disturbed.
  CHECK(g.heartbeat(t.a, "ia", 1, at(1003)) == ErrorCode::kNone);
  // The old incarnation is fenced.
  CHECK(g.heartbeat(t.b, "ib", 1, at(1004)) == ErrorCode::kFencedInstanceId);
}

TEST_CASE("a second instance with the same id fences the first") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  TwoStatic t = make_static_pair(g, host);
  JoinAnswer dup = join(g, static_request("ia"), at(500));
  host.complete_write(at(501));
  REQUIRE(dup.ready());
  CHECK(g.heartbeat(t.a, "ia", 1, at(600)) == ErrorCode::kFencedInstanceId);
  CHECK(sync(g, t.a, 1, at(600), {}, "ia")->error == ErrorCode::kFencedInstanceId);
  CHECK(join(g, static_request("ia", t.a), at(600))->error == ErrorCode::kFencedInstanceId);
  CHECK(g.leave(LeavingMember{t.a, "ia", std::nullopt}, at(600)) == ErrorCode::kFencedInstanceId);
  CHECK(g.validate_offset_commit(t.a, "ia", 1, false, at(600)) == ErrorCode::kFencedInstanceId);
  CHECK(g.heartbeat(dup->member_id, "ia", 1, at(600)) == ErrorCode::kNone);
}

TEST_CASE("a restarted static leader is told the old leader id unless it can skip the assignment") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  TwoStatic t = make_static_pair(g, host);
  std::string old_leader = *g.leader();
  std::string instance = old_leader == t.a ? "ia" : "ib";

  JoinAnswer old_client = join(g, static_request(instance), at(100));
  host.complete_write(at(101));
  REQUIRE(old_client.ready());
  CHECK(old_client->leader == old_leader);  // not itself: it will not assign
  CHECK(old_client->members.empty());
  CHECK_FALSE(old_client->skip_assignment);
  CHECK(g.leader() == old_client->member_id);

  JoinRequest v9 = static_request(instance);
  v9.supports_skip_assignment = true;
  JoinAnswer new_client = join(g, v9, at(200));
  host.complete_write(at(201));
  REQUIRE(new_client.ready());
  CHECK(new_client->leader == new_client->member_id);
  CHECK(new_client->skip_assignment);
  CHECK(new_client->members.size() == 2);
  CHECK(g.is(GroupState::kStable));
}

TEST_CASE("if storing the new static member id fails, the old incarnation keeps its place") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  TwoStatic t = make_static_pair(g, host);
  JoinAnswer rejoin = join(g, static_request("ib"), at(100));
  host.complete_write(at(101), ErrorCode::kNotCoordinator);
  REQUIRE(rejoin.ready());
  CHECK(rejoin->error == ErrorCode::kNotCoordinator);
  CHECK(g.heartbeat(t.b, "ib", 1, at(102)) == ErrorCode::kNone);
  CHECK(g.is(GroupState::kStable));
}

TEST_CASE("a static member changing its protocols in Stable rebalances only if the choice changes") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  make_static_pair(g, host);
  std::vector<Protocol> both = {Protocol{"roundrobin", subscription({"t"})},
                                Protocol{"range", subscription({"t"})}};
  JoinRequest b = static_request("ib");
  b.protocols = both;
  join(g, b, at(100));
  // One vote each: "range" stays selected, so no rebalance.
  CHECK(g.is(GroupState::kStable));
  host.complete_all_writes(at(101));
  JoinRequest a = static_request("ia");
  a.protocols = both;
  // Now both prefer "roundrobin": the selection changes.
  join(g, a, at(200));
  CHECK(g.is(GroupState::kPreparingRebalance));
}

TEST_CASE("a static member rejoining during CompletingRebalance restarts the rebalance") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  JoinAnswer ja = join(g, static_request("ia"), at(0));
  JoinAnswer jb = join(g, static_request("ib"), at(0));
  g.advance(at(0));
  REQUIRE(g.is(GroupState::kCompletingRebalance));
  bool a_leads = g.leader() == ja->member_id;
  std::string follower = a_leads ? jb->member_id : ja->member_id;
  SyncAnswer parked = sync(g, follower, 1, at(1), {}, a_leads ? "ib" : "ia");
  CHECK_FALSE(parked.ready());
  join(g, static_request(a_leads ? "ia" : "ib"), at(2));
  CHECK(g.is(GroupState::kPreparingRebalance));
  REQUIRE(parked.ready());
  CHECK(parked->error == ErrorCode::kRebalanceInProgress);
}

TEST_CASE("static members are removed by instance id with an empty member id") {
  FakeHost host;
  ClassicGroup g("g", host, at(0));
  make_static_pair(g, host);
  CHECK(g.leave(LeavingMember{"", "ia", "admin"}, at(10)) == ErrorCode::kNone);
  CHECK(g.size() == 1);
  CHECK(g.leave(LeavingMember{"", "ia", "admin"}, at(11)) == ErrorCode::kUnknownMemberId);
}

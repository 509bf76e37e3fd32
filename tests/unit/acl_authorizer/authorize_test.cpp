// Authorization decisions: literal, prefixed and wildcard patterns, operation
// implications, DENY over ALLOW, hosts, super users, allow.everyone.if.no.acl.found,
// authorize_any (Kafka's authorizeByResourceType), a 10,000-ACL set, and decisions
// racing ACL changes.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "acl_codec.h"
#include "authorizer_fixture.h"

using namespace skiff;
using namespace skiff::acl;
using namespace skiff::acl::test;

TEST_CASE_METHOD(AuthorizerFixture, "a literal ACL applies to that name only") {
  add(topic_acl("orders", "User:alice", Op::kRead));
  CHECK(allowed("alice", Op::kRead, "orders"));
  CHECK_FALSE(allowed("alice", Op::kRead, "orders2"));
  CHECK_FALSE(allowed("alice", Op::kRead, "order"));
  CHECK_FALSE(allowed("alice", Op::kWrite, "orders"));
  CHECK_FALSE(allowed("bob", Op::kRead, "orders"));
  // Same name, other resource type.
  CHECK_FALSE(allowed(user("alice"), {Op::kRead, Type::kGroup, "orders", true, true}));
}

TEST_CASE_METHOD(AuthorizerFixture, "a prefixed ACL applies to every name starting with it") {
  add(topic_acl("orders-", "User:alice", Op::kWrite, Perm::kAllow, Pattern::kPrefixed));
  CHECK(allowed("alice", Op::kWrite, "orders-eu"));
  CHECK(allowed("alice", Op::kWrite, "orders-"));
  CHECK_FALSE(allowed("alice", Op::kWrite, "orders"));
  CHECK_FALSE(allowed("alice", Op::kWrite, "x-orders-eu"));
}

TEST_CASE_METHOD(AuthorizerFixture, "the literal name * matches every resource, and User:* every principal") {
  add(topic_acl("*", "User:alice", Op::kRead));
  add(topic_acl("public", "User:*", Op::kDescribe));
  CHECK(allowed("alice", Op::kRead, "anything"));
  CHECK(allowed("alice", Op::kRead, "*"));
  CHECK(allowed("bob", Op::kDescribe, "public"));
  CHECK_FALSE(allowed("bob", Op::kDescribe, "private"));
  // A prefixed "*" is just a prefix, not a wildcard.
  add(topic_acl("*", "User:carol", Op::kRead, Perm::kAllow, Pattern::kPrefixed));
  CHECK_FALSE(allowed("carol", Op::kRead, "orders"));
  CHECK(allowed("carol", Op::kRead, "*star"));
}

TEST_CASE_METHOD(AuthorizerFixture, "ALL matches every operation") {
  add(topic_acl("orders", "User:alice", Op::kAll));
  for (auto op : {Op::kRead, Op::kWrite, Op::kCreate, Op::kDelete, Op::kAlter, Op::kDescribe,
                  Op::kDescribeConfigs, Op::kAlterConfigs}) {
    CHECK(allowed("alice", op, "orders"));
  }
  add(topic_acl("orders", "User:bob", Op::kAll, Perm::kDeny));
  add(topic_acl("orders", "User:bob", Op::kRead));
  CHECK_FALSE(allowed("bob", Op::kRead, "orders"));
}

TEST_CASE_METHOD(AuthorizerFixture, "ALLOW of READ, WRITE, DELETE or ALTER implies DESCRIBE") {
  const char* users[] = {"r", "w", "d", "a", "c"};
  Op ops[] = {Op::kRead, Op::kWrite, Op::kDelete, Op::kAlter, Op::kCreate};
  for (int i = 0; i < 5; ++i) add(topic_acl("t", std::string("User:") + users[i], ops[i]));
  CHECK(allowed("r", Op::kDescribe, "t"));
  CHECK(allowed("w", Op::kDescribe, "t"));
  CHECK(allowed("d", Op::kDescribe, "t"));
  CHECK(allowed("a", Op::kDescribe, "t"));
  CHECK_FALSE(allowed("c", Op::kDescribe, "t"));  // CREATE implies nothing
  CHECK_FALSE(allowed("r", Op::kWrite, "t"));     // nor does an implication run backwards
  CHECK_FALSE(allowed("r", Op::kDescribeConfigs, "t"));
}

TEST_CASE_METHOD(AuthorizerFixture, "ALLOW of ALTER_CONFIGS implies DESCRIBE_CONFIGS") {
  add(topic_acl("t", "User:alice", Op::kAlterConfigs));
  CHECK(allowed("alice", Op::kDescribeConfigs, "t"));
  CHECK_FALSE(allowed("alice", Op::kDescribe, "t"));
  add(topic_acl("t", "User:bob", Op::kDescribeConfigs));
  CHECK_FALSE(allowed("bob", Op::kAlterConfigs, "t"));
}

TEST_CASE_METHOD(AuthorizerFixture, "implications apply to ALLOW only: a DENY matches its own operation") {
  add(topic_acl("t", "User:alice", Op::kAll));
  add(topic_acl("t", "User:alice", Op::kDescribe, Perm::kDeny));
  CHECK(allowed("alice", Op::kRead, "t"));  // denying DESCRIBE does not deny READ
  CHECK_FALSE(allowed("alice", Op::kDescribe, "t"));
  add(topic_acl("u", "User:alice", Op::kAll));
  add(topic_acl("u", "User:alice", Op::kRead, Perm::kDeny));
  CHECK(allowed("alice", Op::kDescribe, "u"));  // denying READ does not deny DESCRIBE
  CHECK_FALSE(allowed("alice", Op::kRead, "u"));
  add(topic_acl("v", "User:alice", Op::kAll));
  add(topic_acl("v", "User:alice", Op::kAlterConfigs, Perm::kDeny));
  CHECK(allowed("alice", Op::kDescribeConfigs, "v"));
}

TEST_CASE_METHOD(AuthorizerFixture, "DENY wins over ALLOW, whichever pattern carries it") {
  add(topic_acl("orders", "User:alice", Op::kRead));
  add(topic_acl("ord", "User:alice", Op::kRead, Perm::kDeny, Pattern::kPrefixed));
  CHECK_FALSE(allowed("alice", Op::kRead, "orders"));
  add(topic_acl("*", "User:bob", Op::kWrite));
  add(topic_acl("secret", "User:*", Op::kWrite, Perm::kDeny));
  CHECK(allowed("bob", Op::kWrite, "public"));
  CHECK_FALSE(allowed("bob", Op::kWrite, "secret"));
  add(topic_acl("x", "User:carol", Op::kRead, Perm::kDeny));
  add(topic_acl("x", "User:carol", Op::kRead));  // added after the DENY: still denied
  CHECK_FALSE(allowed("carol", Op::kRead, "x"));
}

TEST_CASE_METHOD(AuthorizerFixture, "the host must match exactly, or the ACL's host is *") {
  add(topic_acl("t", "User:alice", Op::kRead, Perm::kAllow, Pattern::kLiteral, "192.168.1.5"));
  CHECK(allowed("alice", Op::kRead, "t", "192.168.1.5"));
  CHECK_FALSE(allowed("alice", Op::kRead, "t", "192.168.1.6"));
  add(topic_acl("t", "User:alice", Op::kRead, Perm::kDeny, Pattern::kLiteral, "10.9.9.9"));
  CHECK(allowed("alice", Op::kRead, "t", "192.168.1.5"));
  CHECK_FALSE(allowed("alice", Op::kRead, "t", "10.9.9.9"));
  add(topic_acl("u", "User:bob", Op::kRead, Perm::kAllow, Pattern::kLiteral, "*"));
  CHECK(allowed("bob", Op::kRead, "u", "172.16.0.1"));
}

TEST_CASE_METHOD(AuthorizerFixture, "super users may do anything, DENY ACLs notwithstanding") {
  settings.super_users = parse_super_users(" User:admin ; User:broker;;");
  configure();
  CHECK(settings.super_users.size() == 2);
  add(topic_acl("t", "User:admin", Op::kAll, Perm::kDeny));
  CHECK(allowed("admin", Op::kWrite, "t"));
  CHECK(allowed("broker", Op::kRead, "no-acls-here"));
  CHECK(allowed(user("broker"), {Op::kClusterAction, Type::kCluster, "kafka-cluster", true, true}));
  CHECK_FALSE(allowed("alice", Op::kRead, "t"));
  // The principal type counts: Group:admin is not User:admin.
  auto group_admin = user("admin");
  group_admin.principal.type = "Group";
  CHECK_FALSE(allowed(group_admin, on_topic(Op::kRead, "t")));
}

TEST_CASE_METHOD(AuthorizerFixture, "allow.everyone.if.no.acl.found=false denies a resource without ACLs") {
  CHECK_FALSE(allowed("alice", Op::kRead, "t"));
}

TEST_CASE_METHOD(AuthorizerFixture, "allow.everyone.if.no.acl.found=true allows only resources no ACL names") {
  settings.allow_if_no_acl = true;
  configure();
  CHECK(allowed("alice", Op::kRead, "t"));
  // An ACL for someone else on the resource: now alice needs one too.
  add(topic_acl("t", "User:bob", Op::kRead));
  CHECK_FALSE(allowed("alice", Op::kRead, "t"));
  CHECK(allowed("alice", Op::kRead, "u"));
  // Prefixed and wildcard ACLs name resources too.
  add(topic_acl("pay", "User:bob", Op::kRead, Perm::kAllow, Pattern::kPrefixed));
  CHECK_FALSE(allowed("alice", Op::kRead, "payments"));
  add(binding(Type::kGroup, "*", Pattern::kLiteral, "User:bob", Op::kRead));
  CHECK_FALSE(allowed(user("alice"), {Op::kRead, Type::kGroup, "g1", true, true}));
}

TEST_CASE_METHOD(AuthorizerFixture, "every action of a request gets its own answer, in order") {
  add(topic_acl("a", "User:alice", Op::kRead));
  auto answers = authorizer.authorize(
      user("alice"), {on_topic(Op::kRead, "a"), on_topic(Op::kRead, "b"), on_topic(Op::kDescribe, "a")});
  CHECK(answers == std::vector<bool>{true, false, true});
}

TEST_CASE_METHOD(AuthorizerFixture, "authorize_any: some ALLOW on the type that no DENY overrides") {
  auto any = [&](const std::string& name, Op op, Type type = Type::kTopic) {
    return authorizer.authorize_any(user(name), op, type);
  };
  SECTION("no ACLs of the type: denied, unless allow.everyone.if.no.acl.found") {
    add(binding(Type::kGroup, "g", Pattern::kLiteral, "User:alice", Op::kRead));
    CHECK_FALSE(any("alice", Op::kWrite));
    settings.allow_if_no_acl = true;
    configure();
    CHECK(any("alice", Op::kWrite));
    CHECK_FALSE(any("bob", Op::kRead, Type::kGroup));  // the group type has ACLs
  }
  SECTION("super users") {
    settings.super_users = {"User:admin"};
    configure();
    add(topic_acl("*", "User:admin", Op::kAll, Perm::kDeny));
    CHECK(any("admin", Op::kWrite));
  }
  SECTION("a literal or prefixed ALLOW on one resource is enough") {
    add(topic_acl("orders", "User:alice", Op::kWrite));
    add(topic_acl("logs-", "User:bob", Op::kWrite, Perm::kAllow, Pattern::kPrefixed));
    add(topic_acl("*", "User:carol", Op::kAll));
    CHECK(any("alice", Op::kWrite));
    CHECK(any("bob", Op::kWrite));
    CHECK(any("carol", Op::kWrite));
    CHECK_FALSE(any("alice", Op::kRead));
    CHECK_FALSE(any("dave", Op::kWrite));
    CHECK(any("alice", Op::kDescribe));  // WRITE implies DESCRIBE here as in authorize()
  }
  SECTION("the principal wildcard and the host count") {
    add(topic_acl("t", "User:*", Op::kWrite, Perm::kAllow, Pattern::kLiteral, "10.0.0.1"));
    CHECK(any("anyone", Op::kWrite));
    CHECK_FALSE(authorizer.authorize_any(user("anyone", "10.0.0.2"), Op::kWrite, Type::kTopic));
  }
  SECTION("a DENY on every name denies") {
    add(topic_acl("orders", "User:alice", Op::kWrite));
    add(topic_acl("*", "User:alice", Op::kWrite, Perm::kDeny));
    CHECK_FALSE(any("alice", Op::kWrite));
  }
  SECTION("a DENY on every name outranks an ALLOW on every name") {
    add(topic_acl("*", "User:alice", Op::kWrite));
    add(topic_acl("*", "User:*", Op::kAll, Perm::kDeny));
    CHECK_FALSE(any("alice", Op::kWrite));
  }
  SECTION("a literal DENY cancels the same literal ALLOW only") {
    add(topic_acl("a", "User:alice", Op::kWrite));
    add(topic_acl("a", "User:alice", Op::kWrite, Perm::kDeny));
    CHECK_FALSE(any("alice", Op::kWrite));
    add(topic_acl("b", "User:alice", Op::kWrite));
    CHECK(any("alice", Op::kWrite));
  }
  SECTION("a prefixed DENY cancels the ALLOWs it covers") {
    add(topic_acl("orders-eu", "User:alice", Op::kWrite));
    add(topic_acl("orders-", "User:alice", Op::kWrite, Perm::kAllow, Pattern::kPrefixed));
    add(topic_acl("orders", "User:alice", Op::kWrite, Perm::kDeny, Pattern::kPrefixed));
    CHECK_FALSE(any("alice", Op::kWrite));
    add(topic_acl("ord", "User:alice", Op::kWrite, Perm::kAllow, Pattern::kPrefixed));
    CHECK(any("alice", Op::kWrite));  // "ord" covers more than the DENY does
  }
  SECTION("a DENY of another operation, principal or host cancels nothing") {
    add(topic_acl("a", "User:alice", Op::kWrite));
    add(topic_acl("a", "User:alice", Op::kRead, Perm::kDeny));
    add(topic_acl("a", "User:bob", Op::kWrite, Perm::kDeny));
    add(topic_acl("a", "User:alice", Op::kWrite, Perm::kDeny, Pattern::kLiteral, "10.9.9.9"));
    CHECK(any("alice", Op::kWrite));
  }
  SECTION("invalid arguments are denied") {
    settings.allow_if_no_acl = true;
    configure();
    CHECK_FALSE(any("alice", Op::kAny));
    CHECK_FALSE(any("alice", Op::kWrite, Type::kAny));
  }
}

TEST_CASE_METHOD(AuthorizerFixture, "10,000 ACLs: lookups stay correct") {
  // Written straight to the store's records and loaded, as after a restart.
  for (int i = 0; i < 5000; ++i) {
    auto n = std::to_string(i);
    controller->put_record("acl", encode_key(topic_acl("topic-" + n, "User:u" + n, Op::kRead)), "1");
    controller->put_record(
        "acl",
        encode_key(topic_acl("p" + n + "-", "User:u" + n, Op::kWrite, Perm::kAllow, Pattern::kPrefixed)),
        "1");
  }
  REQUIRE(authorizer.store().attach(controller).empty());
  REQUIRE(authorizer.store().read([](const AclIndex& index) { return index.size(); }) == 10000);
  int allowed_count = 0;
  for (int i = 0; i < 5000; ++i) {
    auto n = std::to_string(i);
    allowed_count += allowed("u" + n, Op::kRead, "topic-" + n);
    allowed_count += allowed("u" + n, Op::kWrite, "p" + n + "-x");
    allowed_count += allowed("u" + n, Op::kWrite, "topic-" + n);  // denied
  }
  CHECK(allowed_count == 10000);
  CHECK(authorizer.authorize_any(user("u4999"), Op::kWrite, Type::kTopic));
}

TEST_CASE_METHOD(AuthorizerFixture, "decisions run while ACLs change on another thread") {
  add(topic_acl("stable", "User:alice", Op::kRead));
  std::atomic<bool> done{false};
  std::atomic<int> wrong{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      while (!done) {
        if (!allowed("alice", Op::kRead, "stable")) ++wrong;
        if (allowed("alice", Op::kWrite, "stable")) ++wrong;
        allowed("alice", Op::kRead, "churn");
      }
    });
  }
  for (int i = 0; i < 200; ++i) {
    add(topic_acl("churn", "User:alice", Op::kRead));
    sdk::AclBindingFilter churn;
    churn.resource_name = "churn";
    REQUIRE(authorizer.delete_acls(user("admin"), {churn}).at(0).deleted.size() == 1);
  }
  done = true;
  for (auto& t : readers) t.join();
  CHECK(wrong == 0);
  CHECK(authorizer.describe_acls({}).bindings.size() == 1);
}

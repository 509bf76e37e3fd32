// ACL management: CreateAcls validation and idempotence, DescribeAcls and DeleteAcls
// filters (ANY, MATCH, exact), the record codec, and reloading from the controller
// (a records-only fake, and the real local controller on LMDB).
#include <catch2/catch.hpp>

#include "../controller/temp_dir.h"
#include "acl_codec.h"
#include "authorizer_fixture.h"
#include "local_controller.h"

using namespace skiff;
using namespace skiff::acl;
using namespace skiff::acl::test;

namespace {

sdk::AclBindingFilter topic_filter(std::string name, Pattern pattern) {
  sdk::AclBindingFilter f;
  f.resource_type = Type::kTopic;
  f.resource_name = std::move(name);
  f.pattern_type = pattern;
  return f;
}

std::vector<std::string> names_of(const std::vector<sdk::AclBinding>& bindings) {
  std::vector<std::string> out;
  for (const auto& b : bindings) out.push_back(std::string(b.pattern_type == Pattern::kPrefixed ? "P:" : "L:") + b.resource_name);
  return out;
}

}  // namespace

TEST_CASE_METHOD(AuthorizerFixture, "CreateAcls rejects malformed bindings with INVALID_REQUEST") {
  auto good = topic_acl("t", "User:alice", Op::kRead);
  auto with = [&](auto change) {
    auto b = good;
    change(b);
    return b;
  };
  std::vector<sdk::AclBinding> bad = {
      with([](auto& b) { b.resource_type = Type::kAny; }),
      with([](auto& b) { b.resource_type = Type::kUnknown; }),
      with([](auto& b) { b.pattern_type = Pattern::kMatch; }),
      with([](auto& b) { b.pattern_type = Pattern::kAny; }),
      with([](auto& b) { b.operation = Op::kAny; }),
      with([](auto& b) { b.operation = Op::kUnknown; }),
      with([](auto& b) { b.permission = Perm::kAny; }),
      with([](auto& b) { b.permission = Perm::kUnknown; }),
      with([](auto& b) { b.principal = "alice"; }),
      with([](auto& b) { b.principal = ":alice"; }),
      with([](auto& b) { b.resource_name = ""; }),
      binding(Type::kCluster, "my-cluster", Pattern::kLiteral, "User:alice", Op::kAlter),
  };
  bad.push_back(good);
  auto results = authorizer.create_acls(user("admin"), bad);
  REQUIRE(results.size() == bad.size());
  for (size_t i = 0; i + 1 < results.size(); ++i) {
    INFO("binding " << i << ": " << results[i].message);
    CHECK(results[i].error == sdk::ErrorCode::kInvalidRequest);
    CHECK_FALSE(results[i].message.empty());
  }
  CHECK(results.back().ok());
  CHECK(results[11].message == "The only valid name for the CLUSTER resource is kafka-cluster");
  CHECK(results[0].message == "Invalid resourceType ANY");
  CHECK(results[10].message == "Invalid empty resource name");
  CHECK(authorizer.describe_acls({}).bindings == std::vector<sdk::AclBinding>{good});
  add(binding(Type::kCluster, "kafka-cluster", Pattern::kLiteral, "User:alice", Op::kAlter));
}

TEST_CASE_METHOD(AuthorizerFixture, "creating an ACL twice is harmless") {
  auto b = topic_acl("t", "User:alice", Op::kRead);
  add(b);
  int writes = controller->writes;
  add(b);
  CHECK(controller->writes == writes);
  CHECK(authorizer.describe_acls({}).bindings.size() == 1);
}

TEST_CASE_METHOD(AuthorizerFixture, "DescribeAcls filters as Kafka's AclBindingFilter") {
  add(topic_acl("orders", "User:alice", Op::kRead));
  add(topic_acl("*", "User:bob", Op::kRead));
  add(topic_acl("ord", "User:carol", Op::kWrite, Perm::kAllow, Pattern::kPrefixed));
  add(topic_acl("orders", "User:dave", Op::kRead, Perm::kDeny, Pattern::kPrefixed));
  add(topic_acl("x", "User:alice", Op::kRead, Perm::kAllow, Pattern::kLiteral, "10.1.1.1"));
  add(binding(Type::kGroup, "orders", Pattern::kLiteral, "User:alice", Op::kRead));
  auto describe = [&](const sdk::AclBindingFilter& f) {
    auto d = authorizer.describe_acls(f);
    REQUIRE(d.result.ok());
    return d.bindings;
  };
  using V = std::vector<std::string>;

  CHECK(describe({}).size() == 6);
  CHECK(names_of(describe(topic_filter("", Pattern::kAny))) == V{"L:*", "L:orders", "L:x", "P:ord", "P:orders"});
  // MATCH: what applies to the topic "orders".
  CHECK(names_of(describe(topic_filter("orders", Pattern::kMatch))) ==
        V{"L:*", "L:orders", "P:ord", "P:orders"});
  CHECK(names_of(describe(topic_filter("order", Pattern::kMatch))) == V{"L:*", "P:ord"});
  // ANY with a name: every pattern type, the name exactly.
  CHECK(names_of(describe(topic_filter("orders", Pattern::kAny))) == V{"L:orders", "P:orders"});
  CHECK(names_of(describe(topic_filter("orders", Pattern::kLiteral))) == V{"L:orders"});
  CHECK(names_of(describe(topic_filter("ord", Pattern::kPrefixed))) == V{"P:ord"});
  CHECK(describe(topic_filter("orders-eu", Pattern::kLiteral)).empty());

  sdk::AclBindingFilter by_entry;
  by_entry.principal = "User:alice";
  CHECK(describe(by_entry).size() == 3);
  by_entry.host = "10.1.1.1";
  CHECK(names_of(describe(by_entry)) == V{"L:x"});
  sdk::AclBindingFilter denies;
  denies.permission = Perm::kDeny;
  CHECK(names_of(describe(denies)) == V{"P:orders"});
  sdk::AclBindingFilter writes;
  writes.operation = Op::kWrite;
  CHECK(names_of(describe(writes)) == V{"P:ord"});
  // The principal filter is exact: User:* is not a wildcard there.
  sdk::AclBindingFilter star;
  star.principal = "User:*";
  CHECK(describe(star).empty());
}

TEST_CASE_METHOD(AuthorizerFixture, "filters with unknown elements are invalid") {
  sdk::AclBindingFilter f;
  f.pattern_type = Pattern::kUnknown;
  CHECK(authorizer.describe_acls(f).result.error == sdk::ErrorCode::kInvalidRequest);
  auto deletion = authorizer.delete_acls(user("admin"), {f});
  CHECK(deletion.at(0).result.error == sdk::ErrorCode::kInvalidRequest);
  f = {};
  f.operation = Op::kUnknown;
  CHECK(authorizer.describe_acls(f).result.error == sdk::ErrorCode::kInvalidRequest);
}

TEST_CASE_METHOD(AuthorizerFixture, "DeleteAcls removes what each filter matches and returns it") {
  add(topic_acl("orders", "User:alice", Op::kRead));
  add(topic_acl("orders", "User:bob", Op::kRead));
  add(topic_acl("ord", "User:carol", Op::kWrite, Perm::kAllow, Pattern::kPrefixed));
  add(topic_acl("payments", "User:alice", Op::kRead));
  sdk::AclBindingFilter alice;
  alice.principal = "User:alice";
  auto result = authorizer.delete_acls(
      user("admin"), {topic_filter("orders", Pattern::kMatch), alice, topic_filter("none", Pattern::kAny)});
  REQUIRE(result.size() == 3);
  CHECK(result[0].result.ok());
  CHECK(names_of(result[0].deleted) == std::vector<std::string>{"L:orders", "L:orders", "P:ord"});
  // Filters apply in order: alice's "orders" ACL went with the first.
  CHECK(result[1].deleted == std::vector<sdk::AclBinding>{topic_acl("payments", "User:alice", Op::kRead)});
  CHECK(result[2].result.ok());
  CHECK(result[2].deleted.empty());
  CHECK(authorizer.describe_acls({}).bindings.empty());
  CHECK(controller->namespaces["acl"].empty());
  CHECK_FALSE(allowed("alice", Op::kRead, "orders"));
}

TEST_CASE_METHOD(AuthorizerFixture, "ACLs survive a restart through the controller's records") {
  std::vector<sdk::AclBinding> all = {
      topic_acl("orders", "User:alice", Op::kRead),
      topic_acl("a/b%c", "User:we/ird%", Op::kWrite, Perm::kDeny, Pattern::kPrefixed, "::1"),
      binding(Type::kCluster, "kafka-cluster", Pattern::kLiteral, "User:broker", Op::kClusterAction),
      binding(Type::kTransactionalId, "tx-", Pattern::kPrefixed, "User:*", Op::kWrite),
      binding(Type::kDelegationToken, "tok", Pattern::kLiteral, "User:alice", Op::kDescribe),
      binding(Type::kUser, "bob", Pattern::kLiteral, "User:alice", Op::kCreateTokens),
  };
  for (const auto& b : all) add(b);
  add(topic_acl("gone", "User:alice", Op::kRead));
  authorizer.delete_acls(user("admin"), {topic_filter("gone", Pattern::kLiteral)});
  CHECK(controller->namespaces["acl"].size() == all.size());
  CHECK(controller->namespaces["acl"].count("TOPIC/LITERAL/orders/User:alice/*/READ/ALLOW") == 1);

  AclAuthorizer restarted;
  REQUIRE(restarted.store().attach(controller).empty());
  auto loaded = restarted.describe_acls({}).bindings;
  auto expected = all;
  std::sort(expected.begin(), expected.end(), binding_less);
  CHECK(loaded == expected);
  CHECK(restarted.authorize(user("alice"), {on_topic(Op::kRead, "orders")}).at(0));
}

TEST_CASE("record keys round-trip and reject what they cannot decode") {
  auto b = topic_acl("x/%2F", "User:a/b", Op::kDescribeConfigs, Perm::kDeny, Pattern::kPrefixed, "*");
  auto key = encode_key(b);
  CHECK(key == "TOPIC/PREFIXED/x%2F%252F/User:a%2Fb/*/DESCRIBE_CONFIGS/DENY");
  CHECK(decode_key(key) == b);
  CHECK_FALSE(decode_key("TOPIC/LITERAL/x/User:a/*/READ"));
  CHECK_FALSE(decode_key("TOPIC/LITERAL/x/User:a/*/READ/ALLOW/extra"));
  CHECK_FALSE(decode_key("TOPIK/LITERAL/x/User:a/*/READ/ALLOW"));
  CHECK_FALSE(decode_key("TOPIC/LITERAL/x%2/User:a/*/READ/ALLOW"));
  CHECK_FALSE(decode_key("TOPIC/LITERAL/x%zz/User:a/*/READ/ALLOW"));
}

TEST_CASE_METHOD(AuthorizerFixture, "undecodable records are skipped and reported at load") {
  controller->put_record("acl", "garbage", "1");
  controller->put_record("acl", encode_key(topic_acl("t", "User:alice", Op::kRead)), "1");
  AclAuthorizer restarted;
  CHECK(restarted.store().attach(controller) == std::vector<std::string>{"garbage"});
  CHECK(restarted.describe_acls({}).bindings.size() == 1);
}

TEST_CASE("without a controller, creating an ACL fails with a server error") {
  AclAuthorizer authorizer;
  auto results = authorizer.create_acls(user("admin"), {topic_acl("t", "User:alice", Op::kRead)});
  CHECK(results.at(0).error == sdk::ErrorCode::kUnknownServerError);
  CHECK(authorizer.describe_acls({}).bindings.empty());
  CHECK(authorizer.manages_acls());
}

TEST_CASE("ACLs survive reopening the real local controller (LMDB)") {
  skiff::test::TempDir dir;
  auto b = topic_acl("orders-", "User:alice", Op::kWrite, Perm::kAllow, Pattern::kPrefixed);
  {
    AclAuthorizer authorizer;
    authorizer.store().attach(std::make_shared<controller_local::LocalController>(dir.path(), 1));
    REQUIRE(authorizer.create_acls(user("admin"), {b, topic_acl("x", "User:bob", Op::kRead)}).at(0).ok());
    authorizer.delete_acls(user("admin"), {topic_filter("x", Pattern::kLiteral)});
  }
  AclAuthorizer restarted;
  REQUIRE(restarted.store().attach(std::make_shared<controller_local::LocalController>(dir.path(), 1)).empty());
  CHECK(restarted.describe_acls({}).bindings == std::vector<sdk::AclBinding>{b});
  CHECK(restarted.authorize(user("alice"), {on_topic(Op::kWrite, "orders-eu")}).at(0));
}

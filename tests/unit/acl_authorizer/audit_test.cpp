// The audit log: JSON lines (parsed back with Poco), which decisions are logged,
// ACL changes with who made them, escaping, and reopening for logrotate.
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>

#include "../controller/temp_dir.h"
#include "audit_record.h"
#include "skiff/sdk/json_string.h"
#include "skiff/sdk/utc_timestamp.h"
#include "authorizer_fixture.h"

using namespace skiff;
using namespace skiff::acl;
using namespace skiff::acl::test;

namespace {

std::vector<Poco::JSON::Object::Ptr> read_lines(const std::filesystem::path& path) {
  std::vector<Poco::JSON::Object::Ptr> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    Poco::JSON::Parser parser;
    out.push_back(parser.parse(line).extract<Poco::JSON::Object::Ptr>());
  }
  return out;
}

std::string text(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o->has(key) ? o->getValue<std::string>(key) : "<missing>";
}

struct AuditFixture : AuthorizerFixture {
  skiff::test::TempDir dir;
  std::filesystem::path path = dir / "audit.log";
  AuditFixture() {
    settings.audit_log_path = path.string();
    configure();
  }
};

}  // namespace

TEST_CASE_METHOD(AuditFixture, "a denial is one JSON line with who, what and why") {
  auto who = user("bob", "127.0.0.1");
  who.client_id = "producer-\"1\"\n\\";
  CHECK_FALSE(allowed(who, on_topic(Op::kWrite, "orders")));
  auto lines = read_lines(path);
  REQUIRE(lines.size() == 1);
  auto& l = lines[0];
  CHECK(text(l, "principal") == "User:bob");
  CHECK(text(l, "host") == "127.0.0.1");
  CHECK(text(l, "listener") == "SASL_PLAINTEXT");
  CHECK(text(l, "client_id") == who.client_id);
  CHECK(text(l, "operation") == "WRITE");
  CHECK(text(l, "resource_type") == "TOPIC");
  CHECK(text(l, "resource_name") == "orders");
  CHECK(text(l, "decision") == "DENIED");
  CHECK(text(l, "reason") == "no acl on the resource");
  auto time = text(l, "time");
  CHECK(time.size() == 24);
  CHECK(time.back() == 'Z');
}

TEST_CASE_METHOD(AuditFixture, "the reason names the ACL that decided") {
  add(topic_acl("ord", "User:bob", Op::kWrite, Perm::kDeny, sdk::PatternType::kPrefixed));
  add(topic_acl("x", "User:bob", Op::kRead));
  CHECK_FALSE(allowed("bob", Op::kWrite, "orders"));
  CHECK_FALSE(allowed("bob", Op::kWrite, "x"));
  auto lines = read_lines(path);
  REQUIRE(lines.size() == 4);  // two ACL changes, two denials
  CHECK(text(lines[2], "reason") == "denied by PREFIXED TOPIC 'ord' User:bob@* WRITE DENY");
  CHECK(text(lines[3], "reason") == "no matching ALLOW acl");
}

TEST_CASE_METHOD(AuditFixture, "allowed decisions are logged only with authorizer.audit.log.allowed") {
  add(topic_acl("t", "User:alice", Op::kRead));
  CHECK(allowed("alice", Op::kRead, "t"));
  CHECK(read_lines(path).size() == 1);  // just the ACL change
  settings.audit_allowed = true;
  configure();
  CHECK(allowed("alice", Op::kRead, "t"));
  auto quiet = on_topic(Op::kRead, "t");
  quiet.log_if_allowed = false;
  CHECK(allowed(user("alice"), quiet));
  auto lines = read_lines(path);
  REQUIRE(lines.size() == 2);
  CHECK(text(lines[1], "decision") == "ALLOWED");
  CHECK(text(lines[1], "reason") == "allowed by LITERAL TOPIC 't' User:alice@* READ ALLOW");
}

TEST_CASE_METHOD(AuditFixture, "a denial the request marks as not worth logging is not logged") {
  auto listing = on_topic(Op::kDescribe, "hidden");
  listing.log_if_denied = false;
  CHECK_FALSE(allowed(user("bob"), listing));
  CHECK(read_lines(path).empty());
}

TEST_CASE_METHOD(AuditFixture, "ACL changes are logged with the principal who made them") {
  auto admin = user("admin", "10.0.0.9");
  auto b = topic_acl("orders", "User:alice", Op::kRead);
  authorizer.create_acls(admin, {b, topic_acl("", "User:alice", Op::kRead)});
  sdk::AclBindingFilter all;
  authorizer.delete_acls(admin, {all});
  auto lines = read_lines(path);
  REQUIRE(lines.size() == 3);
  CHECK(text(lines[0], "event") == "CREATE_ACL");
  CHECK(text(lines[0], "principal") == "User:admin");
  CHECK(text(lines[0], "host") == "10.0.0.9");
  CHECK(text(lines[0], "acl_principal") == "User:alice");
  CHECK(text(lines[0], "acl_operation") == "READ");
  CHECK(text(lines[0], "acl_permission") == "ALLOW");
  CHECK(text(lines[0], "pattern_type") == "LITERAL");
  CHECK(text(lines[0], "resource_name") == "orders");
  CHECK(text(lines[0], "result") == "OK");
  CHECK(text(lines[1], "result") == "FAILED");
  CHECK(text(lines[1], "error") == "Invalid empty resource name");
  CHECK(text(lines[2], "event") == "DELETE_ACL");
  CHECK(text(lines[2], "resource_name") == "orders");
}

TEST_CASE_METHOD(AuditFixture, "reopening after logrotate moved the file writes a new one") {
  CHECK_FALSE(allowed("bob", Op::kRead, "a"));
  std::filesystem::rename(path, dir / "audit.log.1");
  CHECK_FALSE(allowed("bob", Op::kRead, "b"));  // still into the moved file
  configure();                                  // what SIGHUP does
  CHECK_FALSE(allowed("bob", Op::kRead, "c"));
  CHECK(read_lines(dir / "audit.log.1").size() == 2);
  auto lines = read_lines(path);
  REQUIRE(lines.size() == 1);
  CHECK(text(lines[0], "resource_name") == "c");
}

TEST_CASE_METHOD(AuditFixture, "an empty path turns the audit log off; a bad one is reported") {
  settings.audit_log_path = "";
  configure();
  CHECK_FALSE(allowed("bob", Op::kRead, "a"));
  CHECK(read_lines(path).empty());
  settings.audit_log_path = (dir / "missing" / "audit.log").string();
  CHECK_THAT(authorizer.apply(settings), Catch::Contains("cannot open audit log"));
}

TEST_CASE("JSON escaping and timestamps") {
  std::string quoted;
  sdk::append_json_string(quoted, "a\"b\\c\n\t\x01 é");
  CHECK(quoted == "\"a\\\"b\\\\c\\n\\t\\u0001 é\"");
  CHECK(sdk::utc_timestamp(Clock::time_point(std::chrono::milliseconds(1795694400123))) ==
        "2026-11-26T12:00:00.123Z");
  CHECK(sdk::utc_timestamp(Clock::time_point(std::chrono::milliseconds(-1))) ==
        "1969-12-31T23:59:59.999Z");
}

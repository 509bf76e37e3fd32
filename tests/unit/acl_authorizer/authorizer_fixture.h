// An AclAuthorizer on a records-only controller, with one-line grants and checks.
#pragma once

#include <catch2/catch.hpp>
#include <memory>

#include "acl_authorizer.h"
#include "acl_test_support.h"

namespace skiff::acl::test {

struct AuthorizerFixture {
  std::shared_ptr<RecordsOnlyController> controller = std::make_shared<RecordsOnlyController>();
  AclAuthorizer authorizer;
  AuthorizerSettings settings;

  AuthorizerFixture() { authorizer.store().attach(controller); }

  void configure() { REQUIRE(authorizer.apply(settings).empty()); }

  void add(const sdk::AclBinding& binding) {
    auto results = authorizer.create_acls(user("admin"), {binding});
    REQUIRE(results.size() == 1);
    REQUIRE(results[0].ok());
  }

  bool allowed(const sdk::ConnectionIdentity& who, const sdk::Action& action) {
    return authorizer.authorize(who, {action}).at(0);
  }
  bool allowed(const std::string& name, sdk::AclOperation op, const std::string& topic,
               const std::string& host = "10.0.0.1") {
    return allowed(user(name, host), on_topic(op, topic));
  }
};

}  // namespace skiff::acl::test

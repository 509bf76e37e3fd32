// Example plugin: the "prefix" authorizer. A principal may only touch topics whose
// name starts with its own name (User:alice may use "alice.orders" but not
// "bob.orders"); other resources (cluster, groups, transactional ids) are allowed,
// and the principals in `prefix.authorizer.super.users` may do everything.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "skiff/sdk/authorizer.h"
#include "skiff/sdk/plugin.h"

namespace {

using skiff::sdk::Action;
using skiff::sdk::ConnectionIdentity;
using skiff::sdk::ResourceType;

constexpr const char* kSuperUsersKey = "prefix.authorizer.super.users";

class PrefixAuthorizer : public skiff::sdk::Authorizer {
 public:
  explicit PrefixAuthorizer(std::vector<std::string> super_users)
      : super_users_(std::move(super_users)) {}

  std::vector<bool> authorize(const ConnectionIdentity& who,
                              const std::vector<Action>& actions) override {
    const bool super_user = std::find(super_users_.begin(), super_users_.end(),
                                      who.principal.to_string()) != super_users_.end();
    std::vector<bool> decisions;
    decisions.reserve(actions.size());
    for (const auto& action : actions) {
      decisions.push_back(super_user || action.resource_type != ResourceType::kTopic ||
                          (!who.principal.name.empty() &&
                           action.resource_name.starts_with(who.principal.name)));
    }
    return decisions;
  }

 private:
  std::vector<std::string> super_users_;
};

class PrefixAuthorizerPlugin : public skiff::sdk::Plugin {
 public:
  void declare_config(skiff::sdk::ConfigSchema& schema) override {
    skiff::sdk::ConfigKey key;
    key.name = kSuperUsersKey;
    key.type = skiff::sdk::ConfigType::kList;
    key.default_value = "";
    key.doc = "Principals (User:name) allowed every operation on every topic.";
    schema.define(std::move(key));
  }
  void configure(skiff::sdk::Host& host) override {
    auto super_users = host.config().get_list(kSuperUsersKey);
    host.logger("prefix-authorizer")
        .info("topics are limited to their principal's prefix; " +
              std::to_string(super_users.size()) + " super user(s)");
    host.extensions().add<skiff::sdk::Authorizer>(
        "prefix", std::make_shared<PrefixAuthorizer>(std::move(super_users)));
  }
};

}  // namespace

SKIFF_PLUGIN(PrefixAuthorizerPlugin, "prefix-authorizer",
             "Example: principals may only use topics prefixed with their own name")

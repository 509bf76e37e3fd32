// The acl-authorizer plugin entry, driven by a stub host: its keys, both names it
// registers under, loading ACLs from the controller at start, SIGHUP settings.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <set>

#include "acl_codec.h"
#include "acl_test_support.h"
#include "skiff/sdk/plugin.h"

extern "C" const skiff::sdk::PluginDescriptor* skiff_plugin_descriptor();

namespace {

using namespace skiff;
using namespace skiff::acl::test;

struct MapView : sdk::ConfigView {
  std::map<std::string, std::string, std::less<>> entries;
  std::optional<std::string> raw(std::string_view key) const override {
    if (auto it = entries.find(key); it != entries.end()) return it->second;
    return std::nullopt;
  }
};

struct KeyList : sdk::ConfigSchema {
  std::map<std::string, sdk::ConfigKey> keys;
  void define(sdk::ConfigKey key) override {
    REQUIRE(keys.emplace(key.name, key).second);  // the kernel refuses duplicates too
  }
};

struct SilentLogger : sdk::Logger {
  bool enabled(sdk::LogLevel) const override { return false; }
  void write(sdk::LogLevel, std::string_view) override {}
};

// Keyed "point/name"; an empty name finds the first of the point.
struct StubExtensions : sdk::ExtensionRegistry {
  std::map<std::string, std::shared_ptr<void>> by_key;
  void add_erased(std::string_view point, std::string name, std::shared_ptr<void> impl) override {
    by_key[std::string(point) + "/" + name] = std::move(impl);
  }
  std::shared_ptr<void> find_erased(std::string_view point, std::string_view name) const override {
    std::string prefix = std::string(point) + "/";
    for (const auto& [key, impl] : by_key) {
      if (key.starts_with(prefix) && (name.empty() || key == prefix + std::string(name))) return impl;
    }
    return nullptr;
  }
};

struct StubHost : sdk::Host {
  MapView view;
  SilentLogger silent;
  StubExtensions registry;
  const sdk::ConfigView& config() const override { return view; }
  sdk::Logger& logger(std::string_view) override { return silent; }
  sdk::Scheduler& scheduler() override { throw std::logic_error("unused"); }
  sdk::ExtensionRegistry& extensions() override { return registry; }
  int32_t node_id() const override { return 1; }
};

std::unique_ptr<sdk::Plugin> load() {
  const auto* d = skiff_plugin_descriptor();
  REQUIRE(d->abi_version == SKIFF_SDK_ABI_VERSION);
  CHECK(std::string(d->name) == "acl-authorizer");
  return std::unique_ptr<sdk::Plugin>(d->create());
}

}  // namespace

TEST_CASE("the plugin declares its four keys, all dynamic") {
  KeyList schema;
  load()->declare_config(schema);
  std::set<std::string> names;
  for (const auto& [name, key] : schema.keys) {
    names.insert(name);
    CHECK(key.dynamic);
  }
  CHECK(names == std::set<std::string>{"super.users", "allow.everyone.if.no.acl.found",
                                       "authorizer.audit.log.path", "authorizer.audit.log.allowed"});
  CHECK(schema.keys["allow.everyone.if.no.acl.found"].default_value == "false");
  CHECK(schema.keys["super.users"].default_value == "");
}

TEST_CASE("the plugin registers one authorizer as acl and as Kafka's StandardAuthorizer") {
  StubHost host;
  auto controller = std::make_shared<RecordsOnlyController>();
  controller->put_record("acl", acl::encode_key(topic_acl("t", "User:alice", sdk::AclOperation::kRead)), "1");
  host.registry.add<sdk::Controller>("local", controller);
  host.view.entries["super.users"] = "User:admin";
  auto plugin = load();
  plugin->configure(host);
  auto authorizer = host.registry.find<sdk::Authorizer>("acl");
  REQUIRE(authorizer);
  CHECK(host.registry.find<sdk::Authorizer>("org.apache.kafka.metadata.authorizer.StandardAuthorizer") ==
        authorizer);
  CHECK(authorizer->manages_acls());

  plugin->start();  // loads the stored ACL
  CHECK(authorizer->authorize(user("alice"), {on_topic(sdk::AclOperation::kRead, "t")}).at(0));
  CHECK(authorizer->authorize(user("admin"), {on_topic(sdk::AclOperation::kWrite, "t")}).at(0));

  MapView reloaded;
  reloaded.entries["allow.everyone.if.no.acl.found"] = "true";
  plugin->reconfigure(reloaded);  // super.users no longer set
  CHECK_FALSE(authorizer->authorize(user("admin"), {on_topic(sdk::AclOperation::kWrite, "t")}).at(0));
  CHECK(authorizer->authorize(user("bob"), {on_topic(sdk::AclOperation::kWrite, "other")}).at(0));
  plugin->stop();
}

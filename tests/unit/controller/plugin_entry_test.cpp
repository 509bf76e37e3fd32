// The controller-local plugin entry, driven by a fake host: the key it declares,
// where it puts the store, and registering as the "local" controller.
#include <catch2/catch.hpp>

#include <map>
#include <memory>

#include "skiff/sdk/controller.h"
#include "skiff/sdk/plugin.h"
#include "temp_dir.h"

extern "C" const skiff::sdk::PluginDescriptor* skiff_plugin_descriptor();

namespace {

using namespace skiff::sdk;

struct FakeConfig : ConfigView {
  std::map<std::string, std::string, std::less<>> values;
  std::optional<std::string> raw(std::string_view key) const override {
    auto it = values.find(key);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
};

struct FakeSchema : ConfigSchema {
  std::vector<ConfigKey> keys;
  void define(ConfigKey key) override { keys.push_back(std::move(key)); }
};

struct FakeLogger : Logger {
  bool enabled(LogLevel) const override { return true; }
  void write(LogLevel, std::string_view) override {}
};

struct FakeRegistry : ExtensionRegistry {
  std::map<std::pair<std::string, std::string>, std::shared_ptr<void>> entries;
  void add_erased(std::string_view point, std::string name,
                  std::shared_ptr<void> implementation) override {
    entries[{std::string(point), name}] = std::move(implementation);
  }
  std::shared_ptr<void> find_erased(std::string_view point, std::string_view name) const override {
    auto it = entries.find({std::string(point), std::string(name)});
    return it == entries.end() ? nullptr : it->second;
  }
};

struct FakeHost : Host {
  FakeConfig config_view;
  FakeLogger log;
  FakeRegistry registry;
  const ConfigView& config() const override { return config_view; }
  Logger& logger(std::string_view) override { return log; }
  Scheduler& scheduler() override { throw std::logic_error("not used"); }
  ExtensionRegistry& extensions() override { return registry; }
  int32_t node_id() const override { return 5; }
};

std::unique_ptr<Plugin> make_plugin() {
  const auto* descriptor = skiff_plugin_descriptor();
  REQUIRE(descriptor->abi_version == SKIFF_SDK_ABI_VERSION);
  CHECK(std::string(descriptor->name) == "controller-local");
  return std::unique_ptr<Plugin>(descriptor->create());
}

}  // namespace

TEST_CASE("the plugin declares metadata.log.dir only") {
  FakeSchema schema;
  make_plugin()->declare_config(schema);
  REQUIRE(schema.keys.size() == 1);
  CHECK(schema.keys[0].name == "metadata.log.dir");
  CHECK(schema.keys[0].default_value == "");
}

TEST_CASE("the plugin registers a local controller under the first log dir") {
  skiff::test::TempDir dir;
  FakeHost host;
  host.config_view.values["log.dirs"] = (dir / "a").string() + ", " + (dir / "b").string();
  host.config_view.values["controller.type"] = "local";
  make_plugin()->configure(host);
  auto controller = host.registry.find<Controller>("local");
  REQUIRE(controller);
  CHECK(controller->active_controller_id() == 5);
  CHECK(std::filesystem::exists(dir / "a" / "__skiff_metadata" / "data.mdb"));
}

TEST_CASE("metadata.log.dir overrides the location") {
  skiff::test::TempDir dir;
  FakeHost host;
  host.config_view.values["metadata.log.dir"] = (dir / "meta").string();
  make_plugin()->configure(host);
  CHECK(host.registry.find<Controller>("local"));
  CHECK(std::filesystem::exists(dir / "meta" / "data.mdb"));
}

TEST_CASE("another controller.type leaves the plugin idle") {
  FakeHost host;
  host.config_view.values["controller.type"] = "raft";
  make_plugin()->configure(host);
  CHECK(host.registry.entries.empty());
}

TEST_CASE("no metadata.log.dir and no log.dirs is a configuration error") {
  FakeHost host;
  CHECK_THROWS_WITH(make_plugin()->configure(host), Catch::Contains("log.dirs"));
}

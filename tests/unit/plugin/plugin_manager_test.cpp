#include <catch2/catch.hpp>

#include "kernel/config/config_snapshot.h"
#include "kernel/plugin/kernel_host.h"
#include "kernel/plugin/plugin_discovery.h"
#include "kernel/plugin/plugin_error.h"
#include "kernel/plugin/plugin_manager.h"
#include "plugin_test_support.h"
#include "test_greeter.h"

using namespace skiff::kernel;
using namespace skiff::test;

namespace {

using Lines = std::vector<std::string>;

// A broker's plugin wiring in miniature: registry, schema, config, host, manager.
struct Harness {
  RecordingLoggers loggers;
  IdleScheduler scheduler;
  ExtensionRegistryImpl registry;
  ConfigSchemaRegistry schema;
  std::unique_ptr<ConfigSnapshot> config;
  std::unique_ptr<KernelHost> host;
  std::unique_ptr<PluginManager> manager =
      std::make_unique<PluginManager>(registry, loggers.get("plugin"));

  // Declares the plugins' keys, then configures them with `values`.
  void configure(RawConfig values = {}) {
    manager->declare_config(schema);
    config = std::make_unique<ConfigSnapshot>(ConfigSnapshot::build(values, schema));
    host = std::make_unique<KernelHost>(
        *config, [this](std::string_view s) -> skiff::sdk::Logger& { return loggers.get(s); },
        scheduler, registry, 7);
    manager->configure(*host);
  }
  Lines lifecycle() { return loggers.lines("lifecycle"); }
};

RawValue set(std::string value) { return {std::move(value), ConfigSource::override_arg()}; }

std::string message_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const PluginError& e) {
    return e.what();
  }
  return "<no PluginError>";
}

}  // namespace

TEST_CASE("discovery: directories in path order, *.so in lexical order, missing entries") {
  auto found = discover_plugins(kGoodPluginDir + ":/nonexistent/skiff," + kWrongAbiPlugin);
  REQUIRE(found.files.size() == 3);
  CHECK(found.files[0] == kAlphaPlugin);
  CHECK(found.files[1] == kBetaPlugin);
  CHECK(found.files[2] == kWrongAbiPlugin);
  CHECK(found.missing == std::vector<std::filesystem::path>{"/nonexistent/skiff"});
}

TEST_CASE("plugins: load, declare, configure, start in load order; stop in reverse") {
  Harness h;
  h.manager->load_from_path(kGoodPluginDir);
  auto plugins = h.manager->plugins();
  REQUIRE(plugins.size() == 2);
  CHECK(plugins[0].name == "test-alpha");
  CHECK(plugins[1].name == "test-beta");
  CHECK(plugins[0].version == SKIFF_SDK_VERSION_STRING);

  h.configure({{"test.test-beta.greeting", set("hej")}});
  CHECK(h.schema.find("test.test-alpha.greeting")->owner == "test-alpha");
  h.manager->start();
  CHECK(h.lifecycle() == Lines{"configure test-alpha", "configure test-beta", "start test-alpha",
                               "start test-beta"});

  // Extensions registered by the plugins, found by name and by selection.
  CHECK(h.registry.names(Greeter::kExtensionPoint) == Lines{"test-alpha", "test-beta"});
  skiff::sdk::ExtensionRegistry& api = h.registry;
  CHECK(api.find<Greeter>("test-alpha")->greet() == "hello from test-alpha");
  h.registry.select(Greeter::kExtensionPoint, "test-beta", "greeter.type");
  CHECK(api.find<Greeter>()->greet() == "hej from test-beta");

  CHECK(h.manager->stop().empty());
  CHECK(h.lifecycle() == Lines{"configure test-alpha", "configure test-beta", "start test-alpha",
                               "start test-beta", "stop test-beta", "stop test-alpha"});
  CHECK(h.manager->stop().empty());  // idempotent
  CHECK(h.lifecycle().size() == 6);

  // Teardown drops the plugins' extensions before their code goes away.
  h.manager.reset();
  CHECK(h.registry.names(Greeter::kExtensionPoint).empty());
}

TEST_CASE("plugins: a plugin built for another ABI is refused with the fix") {
  Harness h;
  auto message = message_of([&] { h.manager->load_file(kWrongAbiPlugin); });
  CHECK(message == "cannot load plugin " + kWrongAbiPlugin + ": it was built for plugin ABI " +
                       std::to_string(SKIFF_SDK_ABI_VERSION + 1000) +
                       ", but this broker's plugin ABI is " + std::to_string(SKIFF_SDK_ABI_VERSION) +
                       "; rebuild the plugin against skiff-sdk " SKIFF_SDK_VERSION_STRING);
  CHECK(h.manager->plugins().empty());
}

TEST_CASE("plugins: files without the descriptor, or not loadable, are named") {
  Harness h;
  CHECK(message_of([&] { h.manager->load_file(kNoDescriptorPlugin); }) ==
        "cannot load plugin " + kNoDescriptorPlugin +
            ": it does not export skiff_plugin_descriptor (is it a Skiff plugin built with SKIFF_PLUGIN(...)?)");
  CHECK_THAT(message_of([&] { h.manager->load_file("/nonexistent/x.so"); }),
             Catch::StartsWith("cannot load plugin /nonexistent/x.so: ") &&
                 Catch::Contains("No such file"));
}

TEST_CASE("plugins: duplicate plugin names are refused") {
  Harness h;
  h.manager->load_file(kAlphaPlugin);
  CHECK(message_of([&] { h.manager->load_file(kAlphaPlugin); }) ==
        "plugin name 'test-alpha' is used by both " + kAlphaPlugin + " and " + kAlphaPlugin);
}

TEST_CASE("plugins: load_from_path reports every bad plugin and keeps the good ones") {
  Harness h;
  auto message = message_of([&] {
    h.manager->load_from_path(kGoodPluginDir + ":" + TEST_PLUGIN_DIR "/plugins-bad:/nonexistent/skiff");
  });
  CHECK_THAT(message, Catch::Contains("no-descriptor.so: it does not export") &&
                          Catch::Contains("\ncannot load plugin ") && Catch::Contains("wrong-abi.so"));
  CHECK(h.manager->plugins().size() == 2);
  CHECK(h.loggers.lines("plugin").front() == "plugin.path entry /nonexistent/skiff does not exist");
}

TEST_CASE("plugins: an exception in configure names the plugin and the stage") {
  Harness h;
  h.manager->load_from_path(kGoodPluginDir);
  auto message = message_of([&] { h.configure({{"test.test-beta.fail.in", set("configure")}}); });
  CHECK(message == "plugin 'test-beta' (" + kBetaPlugin + ") failed in configure: boom in configure");
}

TEST_CASE("plugins: a failed start stops the plugins already started") {
  Harness h;
  h.manager->load_from_path(kGoodPluginDir);
  h.configure({{"test.test-beta.fail.in", set("start")}});
  auto message = message_of([&] { h.manager->start(); });
  CHECK(message == "plugin 'test-beta' (" + kBetaPlugin + ") failed in start: boom in start");
  CHECK(h.lifecycle() == Lines{"configure test-alpha", "configure test-beta", "start test-alpha",
                               "start test-beta", "stop test-alpha"});
}

TEST_CASE("plugins: a failed stop does not keep the others running") {
  Harness h;
  h.manager->load_from_path(kGoodPluginDir);
  h.configure({{"test.test-beta.fail.in", set("stop")}});
  h.manager->start();
  auto errors = h.manager->stop();
  CHECK(errors == Lines{"plugin 'test-beta' (" + kBetaPlugin + ") failed in stop: boom in stop"});
  CHECK(h.lifecycle().back() == "stop test-alpha");
  CHECK(h.loggers.lines("plugin").back() == errors[0]);
}

TEST_CASE("plugins: reconfigure reaches every started plugin with the new config") {
  Harness h;
  h.manager->load_from_path(kGoodPluginDir);
  h.configure({{"test.test-alpha.fail.in", set("reconfigure")}});
  h.manager->start();
  auto next = ConfigSnapshot::build({{"test.test-beta.greeting", set("moin")}}, h.schema);
  auto errors = h.manager->reconfigure(next);
  CHECK(errors == Lines{"plugin 'test-alpha' (" + kAlphaPlugin + ") failed in reconfigure: boom in reconfigure"});
  CHECK(h.lifecycle().back() == "greeting moin");
}

TEST_CASE("plugins: a key declared by two plugins names both") {
  Harness h;
  h.manager->load_file(kAlphaPlugin);
  skiff::sdk::ConfigKey taken;
  taken.name = "test.test-alpha.greeting";
  h.schema.define_as("other-plugin", taken);
  CHECK(message_of([&] { h.manager->declare_config(h.schema); }) ==
        "plugin 'test-alpha' (" + kAlphaPlugin +
            ") failed in declare_config: config key 'test.test-alpha.greeting' is declared by both "
            "other-plugin and test-alpha");
}

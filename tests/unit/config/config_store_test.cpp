#include <catch2/catch.hpp>

#include <algorithm>

#include "kernel/config/broker_config_keys.h"
#include "skiff/sdk/config_key_builder.h"
#include "kernel/config/config_loader.h"
#include "kernel/config/config_store.h"
#include "temp_config_dir.h"

using namespace skiff::kernel;
using skiff::sdk::ConfigKeyBuilder;
using skiff::sdk::ConfigType;

namespace {

ConfigSchemaRegistry broker_schema() {
  ConfigSchemaRegistry schema;
  declare_broker_config(schema);
  return schema;
}

std::string source_of(const ConfigStore& store, std::string_view key) {
  return store.current()->entry(key)->source.to_string();
}

}  // namespace

TEST_CASE("loading: main file, conf.d in lexical order, then overrides") {
  TempConfigDir dir;
  auto main = dir.write("server.properties", "num.io.threads=4\nnum.partitions=2\nlog.level=warn\n");
  dir.write("conf.d/20-b.conf", "num.partitions=5\n");
  dir.write("conf.d/10-a.conf", "num.partitions=3\nnum.network.threads=2\n");
  dir.write("conf.d/ignored.txt", "num.partitions=99\n");
  auto schema = broker_schema();
  ConfigStore store(schema, {main, {"log.level=debug"}});
  store.load();

  CHECK(store.get_int("num.io.threads") == 4);
  CHECK(source_of(store, "num.io.threads") == main.string() + ":1");
  CHECK(store.get_int("num.partitions") == 5);
  CHECK(source_of(store, "num.partitions") == (dir.path() / "conf.d/20-b.conf").string() + ":1");
  CHECK(store.get_int("num.network.threads") == 2);
  CHECK(store.get_string("log.level") == "debug");
  CHECK(source_of(store, "log.level") == "override");
  CHECK(store.get_int("socket.request.max.bytes") == 104857600);
  CHECK(source_of(store, "socket.request.max.bytes") == "default");
}

TEST_CASE("loading: config.d.dir names the snippet directory, relative to the main file") {
  TempConfigDir dir;
  auto main = dir.write("etc/server.properties", "config.d.dir=snippets\n");
  dir.write("etc/snippets/a.conf", "num.partitions=7\n");
  dir.write("etc/conf.d/a.conf", "num.partitions=99\n");
  auto schema = broker_schema();
  ConfigStore store(schema, {main, {}});
  store.load();
  CHECK(store.get_int("num.partitions") == 7);

  ConfigStore missing(schema, {main, {"config.d.dir=/nonexistent/skiff"}});
  CHECK_THROWS_WITH(missing.load(), "override: config.d.dir: '/nonexistent/skiff' is not a directory");
}

TEST_CASE("loading: a missing conf.d beside the main file is fine; bad overrides are not") {
  TempConfigDir dir;
  auto main = dir.write("server.properties", "node.id=2\n");
  auto layers = load_config_layers({main, {"novalue", "=x"}});
  REQUIRE(layers.problems.size() == 2);
  CHECK(layers.problems[0].to_string() == "override: 'novalue' is not key=value");
  CHECK(layers.values.at("node.id").value == "2");
}

TEST_CASE("loading: all problems of all files are reported together") {
  TempConfigDir dir;
  auto main = dir.write("server.properties", "num.io.threads=x\nlog.retention.hour=1\n");
  dir.write("conf.d/a.conf", "num.partitions=0\n");
  auto schema = broker_schema();
  ConfigStore store(schema, {main, {}});
  try {
    store.load();
    FAIL("load() should throw");
  } catch (const ConfigError& e) {
    REQUIRE(e.problems().size() == 3);
    CHECK(e.problems()[0].location == main.string() + ":1");
    CHECK(e.problems()[1].location == main.string() + ":2");
    CHECK(e.problems()[1].message.find("unknown config key 'log.retention.hour'") == 0);
    CHECK(e.problems()[2].message == "invalid value '0' for 'num.partitions': must be >= 1");
  }
  CHECK(store.current() == nullptr);
}

TEST_CASE("bootstrap_value: explicit value, else the default") {
  auto schema = broker_schema();
  RawConfig raw{{"plugin.path", {"/opt/p", ConfigSource::override_arg()}}};
  CHECK(bootstrap_value(raw, schema, "plugin.path") == "/opt/p");
  CHECK(bootstrap_value({}, schema, "plugin.path") == std::string(default_plugin_path()));
  CHECK(bootstrap_value({}, schema, "no.such.key").empty());
}

TEST_CASE("node.id and broker.id are aliases") {
  auto schema = broker_schema();
  TempConfigDir dir;
  SECTION("node.id alone sets both") {
    ConfigStore store(schema, {dir.write("s.properties", "node.id=4\n"), {}});
    store.load();
    CHECK(store.get_int("broker.id") == 4);
  }
  SECTION("broker.id alone sets both") {
    ConfigStore store(schema, {dir.write("s.properties", "broker.id=5\n"), {}});
    store.load();
    CHECK(store.get_int("node.id") == 5);
  }
  SECTION("neither: default 1") {
    ConfigStore store(schema, {dir.write("s.properties", ""), {}});
    store.load();
    CHECK(store.get_int("node.id") == 1);
    CHECK(store.get_int("broker.id") == 1);
  }
  SECTION("both must agree") {
    ConfigStore store(schema, {dir.write("s.properties", "node.id=1\nbroker.id=2\n"), {}});
    CHECK_THROWS_WITH(store.load(), Catch::Contains("broker.id=2 differs from node.id=1"));
  }
}

TEST_CASE("reload: dynamic changes apply, static changes wait for a restart, errors change nothing") {
  TempConfigDir dir;
  auto main = dir.write("server.properties", "num.io.threads=4\nlog.level=info\n");
  auto schema = broker_schema();
  ConfigStore store(schema, {main, {}});
  store.load();
  auto before = store.current();

  dir.write("server.properties", "num.io.threads=6\nlog.level=debug\nmin.insync.replicas=2\n");
  auto changes = store.reload();
  REQUIRE(changes.ok());
  std::sort(changes.applied.begin(), changes.applied.end());
  CHECK(changes.applied == std::vector<std::string>{"log.level", "min.insync.replicas"});
  CHECK(changes.needs_restart == std::vector<std::string>{"num.io.threads"});
  CHECK(store.get_string("log.level") == "debug");
  CHECK(store.get_int("num.io.threads") == 4);
  CHECK(before->get_string("log.level") == "info");  // old snapshots never change

  dir.write("server.properties", "num.io.threads=oops\nlog.level=error\n");
  auto failed = store.reload();
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.problems[0].to_string() ==
        main.string() + ":1: invalid value 'oops' for 'num.io.threads': not a valid integer");
  CHECK(store.get_string("log.level") == "debug");
}

TEST_CASE("dynamic values override files and can be removed") {
  TempConfigDir dir;
  auto main = dir.write("server.properties", "message.max.bytes=2000000\n");
  auto schema = broker_schema();
  ConfigStore store(schema, {main, {}});
  store.load();

  auto changes = store.set_dynamic({{"message.max.bytes", "3000000"}});
  REQUIRE(changes.ok());
  CHECK(changes.applied == std::vector<std::string>{"message.max.bytes"});
  CHECK(store.get_int("message.max.bytes") == 3000000);
  CHECK(source_of(store, "message.max.bytes") == "dynamic");

  // A file reload keeps the dynamic layer on top.
  REQUIRE(store.reload().ok());
  CHECK(store.get_int("message.max.bytes") == 3000000);

  auto rejected = store.set_dynamic({{"num.io.threads", "9"}});
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.problems[0].to_string() ==
        "dynamic: config key 'num.io.threads' cannot be updated dynamically (restart needed)");
  auto invalid = store.set_dynamic({{"min.insync.replicas", "0"}});
  REQUIRE_FALSE(invalid.ok());
  CHECK(invalid.problems[0].to_string() == "dynamic: invalid value '0' for 'min.insync.replicas': must be >= 1");

  REQUIRE(store.set_dynamic({{"message.max.bytes", std::nullopt}}).ok());
  CHECK(store.get_int("message.max.bytes") == 2000000);
  CHECK(store.dynamic_values().empty());
}

TEST_CASE("plugin keys validate like kernel keys once declared") {
  TempConfigDir dir;
  auto main = dir.write("server.properties", "log.segment.bytes=100\n");
  auto schema = broker_schema();
  schema.define_as("storage-log",
                   ConfigKeyBuilder("log.segment.bytes", ConfigType::kInt, "1073741824", "").at_least(14));
  ConfigStore store(schema, {main, {}});
  store.load();
  CHECK(store.get_int("log.segment.bytes") == 100);
  CHECK(store.current()->entry("log.segment.bytes")->declared->owner == "storage-log");
}

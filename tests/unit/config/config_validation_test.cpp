#include <catch2/catch.hpp>

#include "kernel/config/broker_config_keys.h"
#include "skiff/sdk/config_key_builder.h"
#include "kernel/config/config_schema_registry.h"
#include "kernel/config/config_validator.h"
#include "kernel/config/config_value_check.h"
#include "kernel/config/nearest_key.h"

using namespace skiff::kernel;
using skiff::sdk::ConfigKeyBuilder;
using skiff::sdk::ConfigType;

namespace {

RawValue at(std::string value, int line) {
  return {std::move(value), ConfigSource::from_file("server.properties", line)};
}

ConfigSchemaRegistry broker_schema() {
  ConfigSchemaRegistry schema;
  declare_broker_config(schema);
  schema.define_as("storage-log",
                   ConfigKeyBuilder("log.retention.hours", ConfigType::kInt, "168", "Retention.").at_least(1));
  return schema;
}

std::vector<std::string> rendered(const std::vector<ConfigProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.to_string());
  return out;
}

}  // namespace

TEST_CASE("value check: integers") {
  skiff::sdk::ConfigKey key = ConfigKeyBuilder("k", ConfigType::kInt, "1", "").at_least(1).at_most(10);
  CHECK(check_config_value(key, " 5 ").value == "5");
  CHECK(check_config_value(key, "5").ok());
  CHECK(check_config_value(key, "+5").ok());
  CHECK(check_config_value(key, "abc").fault == ValueFault::kNotInteger);
  CHECK(check_config_value(key, "1.5").fault == ValueFault::kNotInteger);
  CHECK(check_config_value(key, "").fault == ValueFault::kNotInteger);
  CHECK(check_config_value(key, "0").fault == ValueFault::kBelowMin);
  CHECK(check_config_value(key, "11").fault == ValueFault::kAboveMax);
  CHECK(check_config_value(key, "3000000000").fault == ValueFault::kNotInteger);  // > INT_MAX
  key.type = ConfigType::kLong;
  key.max.reset();
  CHECK(check_config_value(key, "3000000000").ok());
  CHECK(describe_fault(key, check_config_value(key, "x")) == "not a valid integer");
  CHECK(describe_fault(key, check_config_value(key, "0")) == "must be >= 1");
}

TEST_CASE("value check: booleans, doubles, enumerations, lists") {
  skiff::sdk::ConfigKey flag = ConfigKeyBuilder("b", ConfigType::kBoolean, "true", "");
  CHECK(check_config_value(flag, "TRUE").value == "true");
  CHECK(describe_fault(flag, check_config_value(flag, "yes")) == "must be true or false");

  skiff::sdk::ConfigKey ratio = ConfigKeyBuilder("r", ConfigType::kDouble, "0.5", "").between(0, 1);
  CHECK(check_config_value(ratio, "0.25").ok());
  CHECK(check_config_value(ratio, "1.5").fault == ValueFault::kAboveMax);
  CHECK(describe_fault(ratio, check_config_value(ratio, "nan")) == "not a valid number");

  skiff::sdk::ConfigKey level = ConfigKeyBuilder("l", ConfigType::kString, "info", "").one_of({"info", "warn"});
  CHECK(check_config_value(level, "warn").ok());
  CHECK(describe_fault(level, check_config_value(level, "loud")) == "must be one of: info, warn");

  skiff::sdk::ConfigKey policy = ConfigKeyBuilder("p", ConfigType::kList, "delete", "").one_of({"compact", "delete"});
  CHECK(check_config_value(policy, "compact, delete").ok());
  auto bad = check_config_value(policy, "compact,shred");
  CHECK(bad.fault == ValueFault::kNotAllowed);
  CHECK(bad.offending == "shred");
}

TEST_CASE("nearest key: suggests plausible typos only") {
  std::vector<std::string_view> names{"log.retention.hours", "log.retention.ms", "num.io.threads"};
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(nearest_key("log.retention.hour", names) == "log.retention.hours");
  CHECK(nearest_key("num.io.thread", names) == "num.io.threads");
  CHECK_FALSE(nearest_key("completely.different", names));
}

TEST_CASE("validation: every problem is reported with file:line, sorted by line") {
  auto schema = broker_schema();
  RawConfig values{
      {"log.retention.hour", at("24", 7)},
      {"num.io.threads", at("abc", 3)},
      {"num.network.threads", at("0", 4)},
      {"auto.create.topics.enable", at("yes", 5)},
      {"log.format", at("xml", 6)},
      {"num.partitions", at("3", 2)},
  };
  auto problems = rendered(validate_config(values, schema));
  CHECK(problems == std::vector<std::string>{
                        "server.properties:3: invalid value 'abc' for 'num.io.threads': not a valid integer",
                        "server.properties:4: invalid value '0' for 'num.network.threads': must be >= 1",
                        "server.properties:5: invalid value 'yes' for 'auto.create.topics.enable': must be true or false",
                        "server.properties:6: invalid value 'xml' for 'log.format': must be one of: plain, json",
                        "server.properties:7: unknown config key 'log.retention.hour'; did you mean 'log.retention.hours'?",
                    });
}

TEST_CASE("validation: values are normalized; extra checks run") {
  auto schema = broker_schema();
  RawConfig values{{"num.io.threads", at(" 16 ", 1)}, {"delete.topic.enable", at("False", 2)}};
  REQUIRE(validate_config(values, schema).empty());
  CHECK(values["num.io.threads"].value == "16");
  CHECK(values["delete.topic.enable"].value == "false");

  RawConfig levels{{"log.levels", at("net=debug,storage", 9)}};
  auto problems = rendered(validate_config(levels, schema));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("server.properties:9: invalid value 'net=debug,storage' for 'log.levels': 'storage'") == 0);
}

TEST_CASE("schema: duplicate declarations name both owners; bad defaults are refused") {
  ConfigSchemaRegistry schema;
  schema.define_as("storage-log", ConfigKeyBuilder("log.dirs", ConfigType::kList, "/tmp", ""));
  CHECK_THROWS_WITH(schema.define_as("other", ConfigKeyBuilder("log.dirs", ConfigType::kList, "/x", "")),
                    "config key 'log.dirs' is declared by both storage-log and other");
  CHECK_THROWS_WITH(schema.define_as("p", ConfigKeyBuilder("n", ConfigType::kInt, "many", "")),
                    "p declared config key 'n' with an invalid default 'many': not a valid integer");
  auto declarer = schema.declarer("plugin-x");
  declarer.define(ConfigKeyBuilder("x.enabled", ConfigType::kBoolean, "true", ""));
  CHECK(schema.find("x.enabled")->owner == "plugin-x");
}

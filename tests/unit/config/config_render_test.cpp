#include <catch2/catch.hpp>

#include "kernel/config/config_check_render.h"
#include "skiff/sdk/config_key_builder.h"
#include "kernel/config/config_reference.h"

using namespace skiff::kernel;
using skiff::sdk::ConfigKeyBuilder;
using skiff::sdk::ConfigType;

namespace {

ConfigSchemaRegistry small_schema() {
  ConfigSchemaRegistry schema;
  schema.define(ConfigKeyBuilder("b.threads", ConfigType::kInt, "8", "Threads | workers.").at_least(1));
  schema.define(ConfigKeyBuilder("a.secret", ConfigType::kPassword, "s3cret", "A password."));
  schema.define_as("storage-log", ConfigKeyBuilder("c.mode", ConfigType::kString, std::nullopt, "Mode.")
                                      .one_of({"x", "y"})
                                      .dynamic());
  return schema;
}

}  // namespace

TEST_CASE("check-config: sorted, aligned, passwords hidden, sources shown") {
  auto schema = small_schema();
  RawConfig values{{"b.threads", {"16", ConfigSource::from_file("/etc/skiff/server.properties", 12)}},
                   {"a.secret", {"hunter2", ConfigSource::override_arg()}}};
  auto text = render_effective_config(ConfigSnapshot::build(values, schema));
  CHECK(text ==
        "a.secret=[hidden]    # override\n"
        "b.threads=16         # /etc/skiff/server.properties:12\n"
        "c.mode=              # unset\n");
  CHECK(text.find("hunter2") == std::string::npos);
}

TEST_CASE("config reference: one Markdown row per key") {
  auto text = render_config_reference(small_schema());
  CHECK(text ==
        "| Key | Type | Default | Valid values | Dynamic | Declared by | Description |\n"
        "|---|---|---|---|---|---|---|\n"
        "| `a.secret` | password | [hidden] |  | no | kernel | A password. |\n"
        "| `b.threads` | int | `8` | >= 1 | no | kernel | Threads \\| workers. |\n"
        "| `c.mode` | string | (none) | x, y | yes | storage-log | Mode. |\n");
}

TEST_CASE("topic config reference: every topic config with its broker synonyms") {
  auto text = render_topic_config_reference();
  CHECK(text.find("| Topic config | Type | Kafka default |") == 0);
  CHECK(text.find("| `retention.ms` | long | `604800000` | >= -1 | `log.retention.ms`, "
                  "`log.retention.minutes`, `log.retention.hours` |") != std::string::npos);
  CHECK(text.find("| `cleanup.policy` | list | `delete` | compact, delete | `log.cleanup.policy` |") !=
        std::string::npos);
}

// Choosing between librdkafka's partitioners and a plugin's.
#include "produce/partitioner_choice.h"

#include <cstdlib>

#include "common/client_config.h"
#include "common/errors.h"

namespace skiff::cli {

namespace {

// skiffd's plugin.path default: cli/CMakeLists.txt passes the SKIFF_DEFAULT_PLUGIN_PATH
// cache variable that kernel/config also compiles into default_plugin_path().
constexpr const char* kDefaultPluginPath = SKIFF_DEFAULT_PLUGIN_PATH;

// Built-in names and the librdkafka partitioner implementing each. "murmur2" is the
// Java client's algorithm for keyed records (murmur2_random: random without a key).
std::string librdkafka_partitioner(const std::string& name) {
  if (name == "murmur2") return "murmur2_random";
  if (name == "random") return "random";
  return {};
}

std::string plugin_path(const ParsedArgs& args) {
  if (auto path = args.value("plugin-path")) return *path;
  if (const char* env = std::getenv("SKIFF_PLUGIN_PATH"); env && *env) return env;
  return kDefaultPluginPath;
}

}  // namespace

void PartitionerChoice::declare_options(OptionTable& options) {
  options.value("partitioner", "NAME",
                "murmur2 (default, Java-compatible for keyed records), random, or a plugin's "
                "partitioner");
  options.value("plugin-path", "DIR",
                std::string("Where partitioner plugins are found (default: $SKIFF_PLUGIN_PATH or ") +
                    kDefaultPluginPath + ")");
  options.repeated("partitioner-property", "KEY=VALUE", "Config for the partitioner plugin");
}

PartitionerChoice::PartitionerChoice(const ParsedArgs& args) {
  auto name = args.value_or("partitioner", "murmur2");
  librdkafka_name_ = librdkafka_partitioner(name);
  if (!librdkafka_name_.empty()) {
    if (args.has("partitioner-property") || args.has("plugin-path")) {
      throw UsageError("--partitioner-property and --plugin-path apply to plugin partitioners, "
                       "not to the built-in '" + name + "'");
    }
    return;
  }
  plugins_ = std::make_unique<PluginSet>(
      plugin_path(args), parse_properties(args.values("partitioner-property"),
                                          "--partitioner-property"));
  adapter_ = std::make_unique<PluginPartitioner>(name, plugins_->find<sdk::Partitioner>(name));
}

int32_t PartitionerChoice::partition_for_keyless(std::string_view topic, int32_t partition_count) {
  return adapter_->partition_for(topic, nullptr, 0, partition_count);
}

void PartitionerChoice::apply(rd_kafka_topic_conf_t* conf) {
  if (adapter_) {
    adapter_->install(conf);
    return;
  }
  char error[512];
  if (rd_kafka_topic_conf_set(conf, "partitioner", librdkafka_name_.c_str(), error,
                              sizeof error) != RD_KAFKA_CONF_OK) {
    throw CommandError(std::string("partitioner: ") + error);
  }
}

}  // namespace skiff::cli

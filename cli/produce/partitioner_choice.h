// The partitioner `skiff produce` uses: librdkafka's built-in Java-compatible murmur2
// (the default) or random, or a plugin's sdk::Partitioner found by name in the plugin
// directory.
#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>

#include "common/args.h"
#include "plugins/plugin_set.h"
#include "produce/plugin_partitioner.h"

namespace skiff::cli {

class PartitionerChoice {
 public:
  // Declares --partitioner, --plugin-path and --partitioner-property.
  static void declare_options(OptionTable& options);

  // Loads plugins only for a name that is not built in.
  explicit PartitionerChoice(const ParsedArgs& args);

  // Configures `conf`; this object must outlive producers using it.
  void apply(rd_kafka_topic_conf_t* conf);

 private:
  std::string librdkafka_name_;  // empty when a plugin partitions
  std::unique_ptr<PluginSet> plugins_;
  // Declared after plugins_ so the plugin's object is released before its plugin unloads.
  std::unique_ptr<PluginPartitioner> adapter_;
};

}  // namespace skiff::cli

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

  // Whether records without a key must be given a partition by partition_for_keyless()
  // (true for plugins: librdkafka would place them without asking the callback).
  bool places_keyless_records() const { return adapter_ != nullptr; }
  // The plugin's partition for a record without a key; RD_KAFKA_PARTITION_UA if it failed.
  int32_t partition_for_keyless(std::string_view topic, int32_t partition_count);

 private:
  std::string librdkafka_name_;  // empty when a plugin partitions
  std::unique_ptr<PluginSet> plugins_;
  // Declared after plugins_ so the plugin's object is released before its plugin unloads.
  std::unique_ptr<PluginPartitioner> adapter_;
};

}  // namespace skiff::cli

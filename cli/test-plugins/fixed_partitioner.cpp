// Test plugin: a partitioner named "fixed" that puts every record in the partition
// given by the `fixed.partition` config key, to check that `skiff produce` loads,
// configures and calls partitioner plugins.
#include <string>

#include "skiff/sdk/partitioner.h"
#include "skiff/sdk/plugin.h"

namespace {

class FixedPartitioner : public skiff::sdk::Partitioner {
 public:
  explicit FixedPartitioner(int32_t partition) : partition_(partition) {}
  int32_t partition(std::string_view, std::optional<std::span<const uint8_t>>,
                    int32_t) override {
    return partition_;
  }

 private:
  int32_t partition_;
};

class FixedPartitionerPlugin : public skiff::sdk::Plugin {
 public:
  void declare_config(skiff::sdk::ConfigSchema& schema) override {
    skiff::sdk::ConfigKey key;
    key.name = "fixed.partition";
    key.type = skiff::sdk::ConfigType::kInt;
    key.default_value = "0";
    key.min = 0;
    key.doc = "The partition every record goes to";
    schema.define(std::move(key));
  }
  void configure(skiff::sdk::Host& host) override {
    int32_t partition = host.config().get_int("fixed.partition");
    host.logger("partitioner").info("fixed partition " + std::to_string(partition));
    host.extensions().add<skiff::sdk::Partitioner>("fixed",
                                                   std::make_shared<FixedPartitioner>(partition));
  }
};

}  // namespace

SKIFF_PLUGIN(FixedPartitionerPlugin, "test-fixed-partitioner",
             "Puts every record in one configured partition (tests only)")

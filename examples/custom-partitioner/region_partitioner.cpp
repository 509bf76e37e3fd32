// Example plugin: the "region" partitioner. A record keyed "<region>:<rest>" goes
// to the partition of its region, the region's index in `region.partitioner.regions`
// (modulo the partition count); other keys are spread by an FNV-1a hash of the whole
// key, and records without a key go to partition 0.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skiff/sdk/partitioner.h"
#include "skiff/sdk/plugin.h"

namespace {

constexpr const char* kRegionsKey = "region.partitioner.regions";

uint32_t fnv1a(std::span<const uint8_t> bytes) {
  uint32_t hash = 2166136261u;
  for (uint8_t b : bytes) hash = (hash ^ b) * 16777619u;
  return hash;
}

class RegionPartitioner : public skiff::sdk::Partitioner {
 public:
  explicit RegionPartitioner(std::vector<std::string> regions) : regions_(std::move(regions)) {}

  int32_t partition(std::string_view, std::optional<std::span<const uint8_t>> key,
                    int32_t partition_count) override {
    if (!key || partition_count <= 0) return 0;
    std::string_view text(reinterpret_cast<const char*>(key->data()), key->size());
    std::string_view region = text.substr(0, text.find(':'));
    if (region.size() < text.size()) {
      for (size_t i = 0; i < regions_.size(); ++i) {
        if (regions_[i] == region) return static_cast<int32_t>(i % partition_count);
      }
    }
    return static_cast<int32_t>(fnv1a(*key) % static_cast<uint32_t>(partition_count));
  }

 private:
  std::vector<std::string> regions_;
};

class RegionPartitionerPlugin : public skiff::sdk::Plugin {
 public:
  void declare_config(skiff::sdk::ConfigSchema& schema) override {
    skiff::sdk::ConfigKey key;
    key.name = kRegionsKey;
    key.type = skiff::sdk::ConfigType::kList;
    key.default_value = "eu,us,asia";
    key.doc = "Regions in partition order: a key '<region>:...' goes to its region's index.";
    schema.define(std::move(key));
  }
  void configure(skiff::sdk::Host& host) override {
    auto regions = host.config().get_list(kRegionsKey);
    host.logger("region-partitioner").info(std::to_string(regions.size()) + " regions");
    host.extensions().add<skiff::sdk::Partitioner>(
        "region", std::make_shared<RegionPartitioner>(std::move(regions)));
  }
};

}  // namespace

SKIFF_PLUGIN(RegionPartitionerPlugin, "region-partitioner",
             "Example: partitions records by the region prefix of their key")

// Layering the controller's dynamic broker configs into ConfigStore; see
// dynamic_broker_configs.h.
#include "kernel/server/dynamic_broker_configs.h"

#include "kernel/server/config_resource.h"

namespace skiff::kernel::server {

BrokerConfigMap merged_dynamic_broker_configs(const sdk::Controller& controller, int32_t node_id) {
  BrokerConfigMap merged = controller.broker_configs(kClusterDefaultBrokerId);
  for (auto& [key, value] : controller.broker_configs(node_id)) merged[key] = value;
  return merged;
}

std::vector<std::string> load_dynamic_broker_configs(ConfigStore& config,
                                                     sdk::Controller& controller,
                                                     int32_t node_id) {
  std::vector<std::string> skipped;
  BrokerConfigMap wanted = merged_dynamic_broker_configs(controller, node_id);
  if (wanted.empty()) return skipped;
  DynamicUpdates all(wanted.begin(), wanted.end());
  if (config.set_dynamic(all).ok()) return skipped;
  // Something stored is no longer valid: apply key by key so the rest still counts.
  for (const auto& [key, value] : wanted) {
    auto changes = config.set_dynamic(DynamicUpdates{{key, value}});
    for (const auto& problem : changes.problems) {
      skipped.push_back("dynamic broker config " + key + "=" + value +
                        " stored in the controller was not applied: " + problem.message);
    }
  }
  return skipped;
}

kernel::ConfigChanges apply_dynamic_layer_change(ConfigStore& config, const BrokerConfigMap& before,
                                                 const BrokerConfigMap& after) {
  DynamicUpdates updates;
  for (const auto& [key, value] : before) {
    if (!after.contains(key)) updates.emplace(key, std::nullopt);
  }
  for (const auto& [key, value] : after) {
    auto it = before.find(key);
    if (it == before.end() || it->second != value) updates.emplace(key, value);
  }
  if (updates.empty()) return {};
  return config.set_dynamic(updates);
}

}  // namespace skiff::kernel::server

// Dynamic broker configs: the controller stores them (a cluster-wide default under
// broker id -1 and per-broker values), ConfigStore applies them as its "dynamic"
// layer. The values in effect on a node are the default overlaid by its own.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kernel/config/config_store.h"
#include "skiff/sdk/controller.h"

namespace skiff::kernel::server {

using BrokerConfigMap = std::map<std::string, std::string>;

// The controller's default (-1) configs overlaid by node `node_id`'s own.
BrokerConfigMap merged_dynamic_broker_configs(const sdk::Controller& controller, int32_t node_id);

// At startup: layers the controller's stored dynamic configs for this node into
// `config`. A stored value the schema no longer accepts is skipped; one message per
// skipped key is returned (for the log), the rest is applied.
std::vector<std::string> load_dynamic_broker_configs(ConfigStore& config,
                                                     sdk::Controller& controller,
                                                     int32_t node_id);

// Moves ConfigStore's dynamic layer from `before` to `after` (keys in neither are
// left alone). All or nothing: on problems nothing changes.
kernel::ConfigChanges apply_dynamic_layer_change(ConfigStore& config, const BrokerConfigMap& before,
                                                 const BrokerConfigMap& after);

}  // namespace skiff::kernel::server

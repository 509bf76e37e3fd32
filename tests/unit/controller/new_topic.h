// Shorthand for the NewTopic requests the controller tests make.
#pragma once

#include <map>
#include <string>

#include "skiff/sdk/controller.h"

namespace skiff::test {

inline sdk::NewTopic new_topic(std::string name, int32_t partitions = 1,
                               int16_t replication_factor = 1,
                               std::map<std::string, std::string> configs = {}) {
  sdk::NewTopic topic;
  topic.name = std::move(name);
  topic.partitions = partitions;
  topic.replication_factor = replication_factor;
  topic.configs = std::move(configs);
  return topic;
}

}  // namespace skiff::test

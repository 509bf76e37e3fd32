// Whether the topic-partitions a request names exist, asking the controller once
// per topic: OffsetCommit and OffsetDelete answer UNKNOWN_TOPIC_OR_PARTITION for
// the others, as Kafka does, before the coordinator sees the request.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "skiff/sdk/controller.h"

namespace skiff::kernel::groups {

class KnownPartitions {
 public:
  explicit KnownPartitions(const sdk::Controller& controller) : controller_(controller) {}

  bool exists(const std::string& topic, int32_t partition) {
    auto it = counts_.find(topic);
    if (it == counts_.end()) {
      auto info = controller_.topic(topic);
      it = counts_.emplace(topic, info ? static_cast<int32_t>(info->partitions.size()) : 0).first;
    }
    return partition >= 0 && partition < it->second;
  }

 private:
  const sdk::Controller& controller_;
  std::map<std::string, int32_t> counts_;
};

}  // namespace skiff::kernel::groups

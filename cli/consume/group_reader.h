// Reads a topic as a member of a consumer group (`--group`): the group coordinator
// assigns partitions, consumption resumes from committed offsets, and offsets are
// committed automatically and once more on close.
#pragma once

#include <string>

#include "consume/message_source.h"

namespace skiff::cli {

class GroupReader : public MessageSource {
 public:
  // `consumer` must have been created with group.id set.
  GroupReader(KafkaPtr consumer, const std::string& topic);
  // Leaves the group cleanly (commits, revokes) before the handle is destroyed.
  ~GroupReader() override;

  MessagePtr next(int timeout_ms) override;

 private:
  KafkaPtr consumer_;
};

}  // namespace skiff::cli

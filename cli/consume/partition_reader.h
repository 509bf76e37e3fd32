// Reads chosen partitions of one topic from a start offset without a consumer group
// (no group.id, no commits), like `kafka-console-consumer --partition` or kcat.
// Uses librdkafka's partition-level consumer API with one shared queue.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "consume/message_source.h"

namespace skiff::cli {

class PartitionReader : public MessageSource {
 public:
  // `start` is an offset or RD_KAFKA_OFFSET_BEGINNING / RD_KAFKA_OFFSET_END.
  PartitionReader(KafkaPtr consumer, const std::string& topic, std::vector<int32_t> partitions,
                  int64_t start);
  ~PartitionReader() override;

  MessagePtr next(int timeout_ms) override;

 private:
  KafkaPtr consumer_;  // declared first: destroyed after the topic and queue
  TopicPtr topic_;
  QueuePtr queue_;
  std::vector<int32_t> started_;
};

}  // namespace skiff::cli

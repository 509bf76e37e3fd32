// Partition-level consumption into one queue.
#include "consume/partition_reader.h"

#include "common/errors.h"

namespace skiff::cli {

PartitionReader::PartitionReader(KafkaPtr consumer, const std::string& topic,
                                 std::vector<int32_t> partitions, int64_t start)
    : consumer_(std::move(consumer)) {
  topic_.reset(rd_kafka_topic_new(consumer_.get(), topic.c_str(), nullptr));
  if (!topic_) throw CommandError("topic " + topic + ": " + rd_kafka_err2str(rd_kafka_last_error()));
  queue_.reset(rd_kafka_queue_new(consumer_.get()));
  for (int32_t partition : partitions) {
    if (rd_kafka_consume_start_queue(topic_.get(), partition, start, queue_.get()) == -1) {
      throw CommandError("cannot read " + topic + " partition " + std::to_string(partition) +
                         ": " + rd_kafka_err2str(rd_kafka_last_error()));
    }
    started_.push_back(partition);
  }
}

PartitionReader::~PartitionReader() {
  for (int32_t partition : started_) rd_kafka_consume_stop(topic_.get(), partition);
}

MessagePtr PartitionReader::next(int timeout_ms) {
  return MessagePtr(rd_kafka_consume_queue(queue_.get(), timeout_ms));
}

}  // namespace skiff::cli

// Consumer-group subscription through librdkafka's high-level consumer.
#include "consume/group_reader.h"

#include <cstdio>

#include "common/errors.h"

namespace skiff::cli {

GroupReader::GroupReader(KafkaPtr consumer, const std::string& topic)
    : consumer_(std::move(consumer)) {
  rd_kafka_poll_set_consumer(consumer_.get());
  TopicPartitionListPtr topics(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(topics.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
  if (auto err = rd_kafka_subscribe(consumer_.get(), topics.get())) {
    throw CommandError("cannot subscribe to " + topic + ": " + rd_kafka_err2str(err));
  }
}

GroupReader::~GroupReader() {
  if (auto err = rd_kafka_consumer_close(consumer_.get())) {
    std::fprintf(stderr, "skiff consume: leaving the group failed: %s\n", rd_kafka_err2str(err));
  }
}

MessagePtr GroupReader::next(int timeout_ms) {
  return MessagePtr(rd_kafka_consumer_poll(consumer_.get(), timeout_ms));
}

}  // namespace skiff::cli

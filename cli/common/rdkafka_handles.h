// Owning smart pointers for librdkafka's C handles, so every handle is released on
// every path (errors are exceptions here).
#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>

namespace skiff::cli {

// Calls `Release` on a non-null pointer; lets unique_ptr hold any librdkafka handle.
template <auto Release>
struct ReleaseWith {
  template <class T>
  void operator()(T* handle) const {
    if (handle) Release(handle);
  }
};

using KafkaPtr = std::unique_ptr<rd_kafka_t, ReleaseWith<rd_kafka_destroy>>;
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, ReleaseWith<rd_kafka_conf_destroy>>;
using TopicConfPtr =
    std::unique_ptr<rd_kafka_topic_conf_t, ReleaseWith<rd_kafka_topic_conf_destroy>>;
using TopicPtr = std::unique_ptr<rd_kafka_topic_t, ReleaseWith<rd_kafka_topic_destroy>>;
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, ReleaseWith<rd_kafka_queue_destroy>>;
using EventPtr = std::unique_ptr<rd_kafka_event_t, ReleaseWith<rd_kafka_event_destroy>>;
using MessagePtr = std::unique_ptr<rd_kafka_message_t, ReleaseWith<rd_kafka_message_destroy>>;
using MetadataPtr =
    std::unique_ptr<const rd_kafka_metadata_t, ReleaseWith<rd_kafka_metadata_destroy>>;
using AdminOptionsPtr =
    std::unique_ptr<rd_kafka_AdminOptions_t, ReleaseWith<rd_kafka_AdminOptions_destroy>>;
using NewTopicPtr = std::unique_ptr<rd_kafka_NewTopic_t, ReleaseWith<rd_kafka_NewTopic_destroy>>;
using DeleteTopicPtr =
    std::unique_ptr<rd_kafka_DeleteTopic_t, ReleaseWith<rd_kafka_DeleteTopic_destroy>>;
using NewPartitionsPtr =
    std::unique_ptr<rd_kafka_NewPartitions_t, ReleaseWith<rd_kafka_NewPartitions_destroy>>;
using ConfigResourcePtr =
    std::unique_ptr<rd_kafka_ConfigResource_t, ReleaseWith<rd_kafka_ConfigResource_destroy>>;
using DeleteGroupPtr =
    std::unique_ptr<rd_kafka_DeleteGroup_t, ReleaseWith<rd_kafka_DeleteGroup_destroy>>;
using ListConsumerGroupOffsetsPtr =
    std::unique_ptr<rd_kafka_ListConsumerGroupOffsets_t,
                    ReleaseWith<rd_kafka_ListConsumerGroupOffsets_destroy>>;
using DeleteConsumerGroupOffsetsPtr =
    std::unique_ptr<rd_kafka_DeleteConsumerGroupOffsets_t,
                    ReleaseWith<rd_kafka_DeleteConsumerGroupOffsets_destroy>>;
using AlterConsumerGroupOffsetsPtr =
    std::unique_ptr<rd_kafka_AlterConsumerGroupOffsets_t,
                    ReleaseWith<rd_kafka_AlterConsumerGroupOffsets_destroy>>;
using TopicPartitionListPtr =
    std::unique_ptr<rd_kafka_topic_partition_list_t,
                    ReleaseWith<rd_kafka_topic_partition_list_destroy>>;

}  // namespace skiff::cli

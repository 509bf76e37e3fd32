// Topics and partitions as the cluster's Metadata response reports them, copied out of
// librdkafka's structures and sorted (topics by name, partitions by id).
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace skiff::cli {

struct PartitionMetadata {
  int32_t id = 0;
  int32_t leader = -1;
  std::vector<int32_t> replicas;
  std::vector<int32_t> isr;
  rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
};

struct TopicMetadata {
  std::string name;
  std::vector<PartitionMetadata> partitions;
  rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
};

// All topics of the cluster. Asks for all topics rather than one so that looking a
// topic up can never auto-create it. CommandError if the request fails.
std::vector<TopicMetadata> fetch_topics(rd_kafka_t* rk, int timeout_ms);

// The topic named `name`; CommandError "topic 'T' does not exist" otherwise.
const TopicMetadata& require_topic(const std::vector<TopicMetadata>& topics,
                                   std::string_view name);

}  // namespace skiff::cli

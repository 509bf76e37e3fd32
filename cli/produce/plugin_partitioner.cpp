// librdkafka partitioner callback calling a plugin's Partitioner.
#include "produce/plugin_partitioner.h"

#include <cstdio>
#include <optional>
#include <span>

namespace skiff::cli {

void PluginPartitioner::install(rd_kafka_topic_conf_t* conf) {
  rd_kafka_topic_conf_set_partitioner_cb(conf, &PluginPartitioner::callback);
  rd_kafka_topic_conf_set_opaque(conf, this);
}

int32_t PluginPartitioner::callback(const rd_kafka_topic_t* rkt, const void* key,
                                    size_t key_length, int32_t partition_count,
                                    void* topic_opaque, void* /*message_opaque*/) {
  return static_cast<PluginPartitioner*>(topic_opaque)
      ->partition_for(rd_kafka_topic_name(rkt), key, key_length, partition_count);
}

int32_t PluginPartitioner::partition_for(std::string_view topic, const void* key,
                                         size_t key_length, int32_t partition_count) {
  // librdkafka passes a null pointer for a record without a key.
  std::optional<std::span<const uint8_t>> key_bytes;
  if (key) key_bytes.emplace(static_cast<const uint8_t*>(key), key_length);
  std::string problem;
  try {
    std::lock_guard lock(mutex_);
    int32_t partition = partitioner_->partition(topic, key_bytes, partition_count);
    if (partition >= 0 && partition < partition_count) return partition;
    problem = "returned partition " + std::to_string(partition) + " of " +
              std::to_string(partition_count);
  } catch (const std::exception& e) {
    problem = std::string("threw: ") + e.what();
  }
  // Exceptions must not cross into librdkafka's C code; an unassigned partition fails
  // the record, which its delivery report (or the producer) then shows.
  if (!reported_.exchange(true)) {
    std::fprintf(stderr, "skiff produce: partitioner %s %s\n", name_.c_str(), problem.c_str());
  }
  return RD_KAFKA_PARTITION_UA;
}

}  // namespace skiff::cli

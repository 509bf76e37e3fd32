// Adapts a plugin's sdk::Partitioner to librdkafka's partitioner callback, so records
// produced through a topic handle are placed by the plugin.
#pragma once

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "skiff/sdk/partitioner.h"

namespace skiff::cli {

class PluginPartitioner {
 public:
  PluginPartitioner(std::string name, std::shared_ptr<sdk::Partitioner> partitioner)
      : name_(std::move(name)), partitioner_(std::move(partitioner)) {}

  // Points the topic configuration's partitioner callback at this object, which must
  // outlive every producer using that configuration.
  void install(rd_kafka_topic_conf_t* conf);

 private:
  static int32_t callback(const rd_kafka_topic_t* rkt, const void* key, size_t key_length,
                          int32_t partition_count, void* topic_opaque, void* message_opaque);
  int32_t choose(const rd_kafka_topic_t* rkt, const void* key, size_t key_length,
                 int32_t partition_count);

  std::string name_;
  std::shared_ptr<sdk::Partitioner> partitioner_;
  // librdkafka may call from any of its threads; the SDK interface promises nothing
  // about thread safety, so calls are serialized.
  std::mutex mutex_;
  std::atomic<bool> reported_{false};
};

}  // namespace skiff::cli

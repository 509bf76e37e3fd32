// Adapts a plugin's sdk::Partitioner to librdkafka's partitioner callback, so keyed
// records produced through a topic handle are placed by the plugin. librdkafka never
// calls the callback for records without a key (it uses its sticky partitioner), so
// the producer asks partition_for() itself for those.
#pragma once

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "skiff/sdk/partitioner.h"

namespace skiff::cli {

class PluginPartitioner {
 public:
  PluginPartitioner(std::string name, std::shared_ptr<sdk::Partitioner> partitioner)
      : name_(std::move(name)), partitioner_(std::move(partitioner)) {}

  // Points the topic configuration's partitioner callback at this object, which must
  // outlive every producer using that configuration.
  void install(rd_kafka_topic_conf_t* conf);

  // The plugin's choice (`key` null: no key), or RD_KAFKA_PARTITION_UA if it threw or
  // answered out of range; the first such failure is printed.
  int32_t partition_for(std::string_view topic, const void* key, size_t key_length,
                        int32_t partition_count);

 private:
  static int32_t callback(const rd_kafka_topic_t* rkt, const void* key, size_t key_length,
                          int32_t partition_count, void* topic_opaque, void* message_opaque);

  std::string name_;
  std::shared_ptr<sdk::Partitioner> partitioner_;
  // librdkafka may call from any of its threads; the SDK interface promises nothing
  // about thread safety, so calls are serialized.
  std::mutex mutex_;
  std::atomic<bool> reported_{false};
};

}  // namespace skiff::cli

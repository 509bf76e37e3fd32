// Owning handles for librdkafka's C objects and a configuration builder that turns
// rejected settings into BenchError. The benchmark's clients are built from these.
#pragma once

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <string>

namespace skiff::bench {

struct KafkaDeleter {
  void operator()(rd_kafka_t* p) const { rd_kafka_destroy(p); }
  void operator()(rd_kafka_conf_t* p) const { rd_kafka_conf_destroy(p); }
  void operator()(rd_kafka_topic_t* p) const { rd_kafka_topic_destroy(p); }
  void operator()(rd_kafka_queue_t* p) const { rd_kafka_queue_destroy(p); }
  void operator()(rd_kafka_event_t* p) const { rd_kafka_event_destroy(p); }
  void operator()(rd_kafka_message_t* p) const { rd_kafka_message_destroy(p); }
  void operator()(rd_kafka_AdminOptions_t* p) const { rd_kafka_AdminOptions_destroy(p); }
  void operator()(rd_kafka_NewTopic_t* p) const { rd_kafka_NewTopic_destroy(p); }
};

using KafkaPtr = std::unique_ptr<rd_kafka_t, KafkaDeleter>;
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, KafkaDeleter>;
using TopicPtr = std::unique_ptr<rd_kafka_topic_t, KafkaDeleter>;
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, KafkaDeleter>;
using EventPtr = std::unique_ptr<rd_kafka_event_t, KafkaDeleter>;
using MessagePtr = std::unique_ptr<rd_kafka_message_t, KafkaDeleter>;

// A client configuration: bootstrap servers on loopback, quiet logging (warnings
// and worse), then the caller's settings.
class ClientConfig {
 public:
  explicit ClientConfig(const std::string& bootstrap);
  ClientConfig& set(const std::string& key, const std::string& value);
  ClientConfig& set_all(const std::map<std::string, std::string>& settings);
  rd_kafka_conf_t* get() { return conf_.get(); }
  // Creates the client; the configuration is consumed.
  KafkaPtr create(rd_kafka_type_t type);

 private:
  ConfPtr conf_;
};

}  // namespace skiff::bench

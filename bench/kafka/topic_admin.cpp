// create_topics: one CreateTopics request for all topics, on a short-lived client.
#include "kafka/topic_admin.h"

#include "common/bench_error.h"
#include "kafka/rdkafka_handles.h"

namespace skiff::bench {
namespace {

constexpr int kTimeoutMs = 60000;

using NewTopicPtr = std::unique_ptr<rd_kafka_NewTopic_t, KafkaDeleter>;

NewTopicPtr new_topic(const TopicSpec& spec) {
  char errstr[512];
  NewTopicPtr topic(rd_kafka_NewTopic_new(spec.name.c_str(), spec.partitions, 1, errstr,
                                          sizeof errstr));
  if (!topic) throw BenchError("topic " + spec.name + ": " + errstr);
  for (const auto& [key, value] : spec.configs) {
    if (rd_kafka_NewTopic_set_config(topic.get(), key.c_str(), value.c_str())) {
      throw BenchError("topic " + spec.name + ": cannot set " + key);
    }
  }
  return topic;
}

}  // namespace

std::vector<int32_t> partition_range(int count) {
  std::vector<int32_t> partitions;
  for (int32_t p = 0; p < count; ++p) partitions.push_back(p);
  return partitions;
}

void create_topics(const std::string& bootstrap, const std::vector<TopicSpec>& topics) {
  KafkaPtr rk = ClientConfig(bootstrap).create(RD_KAFKA_PRODUCER);
  std::vector<NewTopicPtr> owned;
  std::vector<rd_kafka_NewTopic_t*> raw;
  for (const auto& spec : topics) {
    owned.push_back(new_topic(spec));
    raw.push_back(owned.back().get());
  }
  std::unique_ptr<rd_kafka_AdminOptions_t, KafkaDeleter> options(
      rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS));
  char errstr[512];
  rd_kafka_AdminOptions_set_request_timeout(options.get(), kTimeoutMs, errstr, sizeof errstr);
  rd_kafka_AdminOptions_set_operation_timeout(options.get(), kTimeoutMs, errstr, sizeof errstr);
  QueuePtr queue(rd_kafka_queue_new(rk.get()));
  rd_kafka_CreateTopics(rk.get(), raw.data(), raw.size(), options.get(), queue.get());

  EventPtr event(rd_kafka_queue_poll(queue.get(), kTimeoutMs + 5000));
  if (!event) throw BenchError("CreateTopics timed out");
  if (rd_kafka_event_error(event.get())) {
    throw BenchError(std::string("CreateTopics: ") + rd_kafka_event_error_string(event.get()));
  }
  const rd_kafka_CreateTopics_result_t* result = rd_kafka_event_CreateTopics_result(event.get());
  size_t count = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(result, &count);
  for (size_t i = 0; i < count; ++i) {
    if (rd_kafka_topic_result_error(results[i])) {
      throw BenchError(std::string("CreateTopics ") + rd_kafka_topic_result_name(results[i]) +
                       ": " + rd_kafka_topic_result_error_string(results[i]));
    }
  }
}

}  // namespace skiff::bench

// consume_to_end: start every partition at the beginning on one queue, read in
// batches until each partition has reported its end.
#include "workload/consume_run.h"

#include <set>

#include "common/bench_error.h"
#include "common/clock.h"
#include "common/units.h"
#include "kafka/rdkafka_handles.h"

namespace skiff::bench {
namespace {

constexpr size_t kBatch = 4096;

}  // namespace

double ConsumeResult::mib_per_s() const { return bench::mib_per_s(bytes, seconds); }

std::map<std::string, std::string> consumer_settings() {
  return {
      {"enable.partition.eof", "true"},
      {"fetch.max.bytes", "52428800"},
      {"max.partition.fetch.bytes", "8388608"},
      {"queued.min.messages", "1000000"},
      {"queued.max.messages.kbytes", "262144"},
      {"fetch.wait.max.ms", "100"},
      {"check.crcs", "false"},
  };
}

ConsumeResult consume_to_end(const std::string& bootstrap, const std::string& topic,
                             const std::vector<int32_t>& partitions, double timeout_s) {
  ClientConfig config(bootstrap);
  config.set_all(consumer_settings());
  KafkaPtr rk = config.create(RD_KAFKA_CONSUMER);
  TopicPtr handle(rd_kafka_topic_new(rk.get(), topic.c_str(), nullptr));
  if (!handle) throw BenchError("topic handle " + topic);
  QueuePtr queue(rd_kafka_queue_new(rk.get()));

  ConsumeResult out;
  const Clock::time_point start = Clock::now();
  for (int32_t p : partitions) {
    if (rd_kafka_consume_start_queue(handle.get(), p, RD_KAFKA_OFFSET_BEGINNING, queue.get()) != 0) {
      throw BenchError("consume_start " + topic + "/" + std::to_string(p) + ": " +
                       rd_kafka_err2str(rd_kafka_last_error()));
    }
  }
  std::set<int32_t> at_end;
  std::vector<rd_kafka_message_t*> batch(kBatch);
  std::string error;
  while (at_end.size() < partitions.size() && seconds_since(start) < timeout_s && error.empty()) {
    ssize_t n = rd_kafka_consume_batch_queue(queue.get(), 100, batch.data(), batch.size());
    for (ssize_t i = 0; i < n; ++i) {
      MessagePtr message(batch[i]);
      if (message->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        at_end.insert(message->partition);
      } else if (message->err) {
        error = rd_kafka_message_errstr(message.get());
      } else {
        ++out.records;
        out.bytes += message->len;
      }
    }
  }
  out.seconds = seconds_since(start);
  out.complete = at_end.size() == partitions.size();
  for (int32_t p : partitions) rd_kafka_consume_stop(handle.get(), p);
  if (!error.empty()) throw BenchError("consume " + topic + ": " + error);
  return out;
}

}  // namespace skiff::bench

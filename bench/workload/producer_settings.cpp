// ProducerSettings: the presets and their librdkafka keys.
#include "workload/producer_settings.h"

namespace skiff::bench {

ProducerSettings ProducerSettings::throughput() { return ProducerSettings{}; }

ProducerSettings ProducerSettings::latency() {
  ProducerSettings s;
  s.linger_ms = 0;
  s.max_in_flight = 5;
  return s;
}

ProducerSettings ProducerSettings::small_batches(int batch_bytes) {
  ProducerSettings s;
  s.batch_bytes = batch_bytes;
  s.queue_kib = 1024;  // little queued, so a stop drains at once
  return s;
}

std::map<std::string, std::string> ProducerSettings::client_settings() const {
  return {
      {"acks", "all"},
      {"compression.type", "none"},
      {"linger.ms", std::to_string(linger_ms)},
      {"batch.size", std::to_string(batch_bytes)},
      {"batch.num.messages", "1000000"},
      {"queue.buffering.max.kbytes", std::to_string(queue_kib)},
      {"queue.buffering.max.messages", "10000000"},
      {"max.in.flight.requests.per.connection", std::to_string(max_in_flight)},
      {"message.timeout.ms", "60000"},
      {"statistics.interval.ms", "1000"},
  };
}

std::string ProducerSettings::describe() const {
  return "acks=all linger.ms=" + std::to_string(linger_ms) +
         " batch.size=" + std::to_string(batch_bytes) +
         " queue.buffering.max.kbytes=" + std::to_string(queue_kib) +
         " max.in.flight=" + std::to_string(max_in_flight) + " compression=none";
}

}  // namespace skiff::bench

// How the benchmark's producers are tuned: acks=all, no compression, and a linger
// and batch size chosen per workload. The settings are printed with the figures.
#pragma once

#include <map>
#include <string>

namespace skiff::bench {

struct ProducerSettings {
  int linger_ms = 5;
  int batch_bytes = 1000000;  // librdkafka's batch.size; the broker takes up to 1 MiB
  int queue_kib = 65536;      // queue.buffering.max.kbytes
  int max_in_flight = 1000000;  // librdkafka's default

  // Throughput: batches as large as a request allows, a short linger.
  static ProducerSettings throughput();
  // Latency: send as soon as a record is there, at most 5 requests in flight (the
  // Java client's default), so batches form while earlier requests are answered.
  static ProducerSettings latency();
  // Segment filling: one ~16 KiB batch per append.
  static ProducerSettings small_batches(int batch_bytes);

  // The librdkafka configuration.
  std::map<std::string, std::string> client_settings() const;
  // One line for the report.
  std::string describe() const;
};

}  // namespace skiff::bench

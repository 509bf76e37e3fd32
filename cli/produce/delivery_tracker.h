// Counts the delivery reports of `skiff produce` and prints each failure (up to a
// limit) with the input line it came from, so the command can exit non-zero.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstddef>

namespace skiff::cli {

class DeliveryTracker {
 public:
  // Registers the delivery report callback; `this` must outlive the producer.
  void install(rd_kafka_conf_t* conf);

  // A record that never reached librdkafka's queue (produce() itself failed).
  void rejected(size_t line_number, rd_kafka_resp_err_t err);

  size_t delivered() const { return delivered_; }
  size_t failed() const { return failed_; }

 private:
  static void on_delivery(rd_kafka_t* rk, const rd_kafka_message_t* message, void* opaque);
  void report_failure(size_t line_number, const char* reason);

  // Delivery reports are served by rd_kafka_poll/flush on the producing thread, so
  // the counters need no lock.
  size_t delivered_ = 0;
  size_t failed_ = 0;
};

}  // namespace skiff::cli

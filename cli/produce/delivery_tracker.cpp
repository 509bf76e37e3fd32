// Delivery report accounting for the console producer.
#include "produce/delivery_tracker.h"

#include <cstdint>
#include <cstdio>

namespace skiff::cli {

namespace {
// Beyond this many, failures are only counted: a dead broker would otherwise print
// one line per input line.
constexpr size_t kPrintedFailures = 20;
}  // namespace

void DeliveryTracker::install(rd_kafka_conf_t* conf) {
  rd_kafka_conf_set_dr_msg_cb(conf, &DeliveryTracker::on_delivery);
  rd_kafka_conf_set_opaque(conf, this);
}

void DeliveryTracker::on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  auto* self = static_cast<DeliveryTracker*>(opaque);
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    ++self->delivered_;
    return;
  }
  // The per-record opaque carries the input line number.
  self->report_failure(reinterpret_cast<uintptr_t>(message->_private),
                       rd_kafka_err2str(message->err));
}

void DeliveryTracker::rejected(size_t line_number, rd_kafka_resp_err_t err) {
  report_failure(line_number, rd_kafka_err2str(err));
}

void DeliveryTracker::report_failure(size_t line_number, const char* reason) {
  if (++failed_ <= kPrintedFailures) {
    std::fprintf(stderr, "skiff produce: record from line %zu failed: %s\n", line_number, reason);
  } else if (failed_ == kPrintedFailures + 1) {
    std::fprintf(stderr, "skiff produce: further failures are counted, not printed\n");
  }
}

}  // namespace skiff::cli

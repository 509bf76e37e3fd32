// Synchronous admin operations over librdkafka's asynchronous admin API.
#include "common/admin_client.h"

#include "common/client_config.h"
#include "common/errors.h"

namespace skiff::cli {

AdminClient::AdminClient(const ParsedArgs& args) {
  // Metadata requests from this client must never create the topic they look at.
  rk_ = make_client(RD_KAFKA_PRODUCER,
                    make_client_conf(args, {{"allow.auto.create.topics", "false", "default"}}, {}));
  results_.reset(rd_kafka_queue_new(rk_.get()));
}

EventPtr AdminClient::run(rd_kafka_admin_op_t op, std::string_view what, const Start& start) {
  AdminOptionsPtr options(rd_kafka_AdminOptions_new(rk_.get(), op));
  char error[512];
  if (rd_kafka_AdminOptions_set_request_timeout(options.get(), kTimeoutMs, error, sizeof error)) {
    throw CommandError(std::string("admin options: ") + error);
  }
  // Operations the controller completes asynchronously: wait until they have
  // propagated, so a following --describe already sees the change.
  if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS || op == RD_KAFKA_ADMIN_OP_DELETETOPICS ||
      op == RD_KAFKA_ADMIN_OP_CREATEPARTITIONS) {
    if (rd_kafka_AdminOptions_set_operation_timeout(options.get(), kTimeoutMs, error,
                                                    sizeof error)) {
      throw CommandError(std::string("admin options: ") + error);
    }
  }
  start(rk_.get(), options.get(), results_.get());
  // librdkafka itself times the request out; the margin only guards against a hang.
  EventPtr event(rd_kafka_queue_poll(results_.get(), kTimeoutMs + 5000));
  if (!event) throw CommandError(std::string(what) + ": timed out");
  if (rd_kafka_event_error(event.get())) {
    throw CommandError(std::string(what) + ": " + rd_kafka_event_error_string(event.get()));
  }
  return event;
}

void check_topic_results(const rd_kafka_topic_result_t** results, size_t count,
                         std::string_view what, rd_kafka_resp_err_t tolerated) {
  for (size_t i = 0; i < count; ++i) {
    auto err = rd_kafka_topic_result_error(results[i]);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == tolerated) continue;
    const char* message = rd_kafka_topic_result_error_string(results[i]);
    throw CommandError(std::string(what) + " '" + rd_kafka_topic_result_name(results[i]) +
                       "': " + (message && *message ? message : rd_kafka_err2str(err)));
  }
}

}  // namespace skiff::cli

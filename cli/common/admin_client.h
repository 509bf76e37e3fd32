// An admin connection to the cluster: runs librdkafka admin operations (CreateTopics,
// DescribeConfigs, ...) to completion and turns their errors into CommandError.
#pragma once

#include <functional>
#include <string_view>

#include "common/args.h"
#include "common/rdkafka_handles.h"

namespace skiff::cli {

class AdminClient {
 public:
  // How long one admin request or metadata fetch may take before the command fails.
  static constexpr int kTimeoutMs = 30000;

  explicit AdminClient(const ParsedArgs& args);

  rd_kafka_t* handle() const { return rk_.get(); }

  using Start = std::function<void(rd_kafka_t*, const rd_kafka_AdminOptions_t*, rd_kafka_queue_t*)>;
  // Starts an operation with `start` and waits for its result event; CommandError if
  // the request as a whole failed or timed out. Per-resource errors are the caller's.
  EventPtr run(rd_kafka_admin_op_t op, std::string_view what, const Start& start);

 private:
  KafkaPtr rk_;
  QueuePtr results_;
};

// CommandError for the first topic result whose error is neither success nor `tolerated`.
void check_topic_results(const rd_kafka_topic_result_t** results, size_t count,
                         std::string_view what,
                         rd_kafka_resp_err_t tolerated = RD_KAFKA_RESP_ERR_NO_ERROR);

}  // namespace skiff::cli

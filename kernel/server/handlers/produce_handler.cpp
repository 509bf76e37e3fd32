// Produce (key 0): appends each partition's record batch to its log, moves the high
// watermark (a single node satisfies acks=all once the leader has the data) and wakes
// long-polling fetches. acks=0 gets no response; an error then closes the connection,
// as Kafka does, so the producer notices.
//
// Transactions are not implemented yet: a request with a transactional id, or a
// transactional batch, gets INVALID_TXN_STATE for each partition (InitProducerId
// never hands out a transactional producer id, so a real client does not get here).
#include <mutex>

#include "kernel/config/config_store.h"
#include "kernel/metrics/topic_metrics.h"
#include "kernel/protocol/generated/produce_request.h"
#include "kernel/protocol/generated/produce_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"
#include "kernel/server/partition_lookup.h"
#include "skiff/sdk/record_batch.h"

namespace skiff::kernel::server {
namespace {

using protocol::ProduceRequest;
using protocol::ProduceResponse;
using PartitionResponse = ProduceResponse::PartitionProduceResponse;

// The broker key asking for an fsync before a produce is acknowledged.
constexpr std::string_view kFlushOnAppend = "log.flush.on.append";

// Serializes "high watermark := log end" so that two producers racing on one
// partition never move it backwards.
std::mutex high_watermark_mutex;

void advance_high_watermark(sdk::PartitionLog& log) {
  std::lock_guard lock(high_watermark_mutex);
  int64_t end = log.log_end_offset();
  if (end > log.high_watermark()) log.set_high_watermark(end);
}

PartitionResponse failed(int32_t index, sdk::ErrorCode error, std::string message = {}) {
  PartitionResponse out;
  out.index = index;
  out.error_code = sdk::to_wire(error);
  out.base_offset = -1;
  out.log_append_time_ms = -1;
  out.log_start_offset = -1;
  if (!message.empty()) out.error_message = std::move(message);
  return out;
}

// Kafka's ProduceRequest.validateRecords for v3+: exactly one magic-2 batch per
// partition. Framing problems are CORRUPT_MESSAGE, the rest INVALID_RECORD. The
// storage engine then checks the batch itself (CRC, records, sizes, sequences).
std::optional<PartitionResponse> check_framing(int32_t index, std::span<const uint8_t> data,
                                               bool transactional_request) {
  using sdk::ErrorCode;
  if (data.empty()) {
    return failed(index, ErrorCode::kInvalidRecord,
                  "produce requests must have at least one record batch per partition");
  }
  auto header = sdk::RecordBatchHeader::parse(data);
  if (!header || header->batch_length < 0 || header->size_in_bytes() > data.size()) {
    return failed(index, ErrorCode::kCorruptMessage,
                  "record batch is truncated: " + std::to_string(data.size()) + " bytes");
  }
  if (header->magic != sdk::batch::kMagicV2) {
    return failed(index, ErrorCode::kInvalidRecord,
                  "produce requests must use record batch magic 2, got " +
                      std::to_string(header->magic));
  }
  if (header->size_in_bytes() != data.size()) {
    return failed(index, ErrorCode::kInvalidRecord,
                  "produce requests may contain only one record batch per partition");
  }
  if (transactional_request || header->transactional()) {
    return failed(index, ErrorCode::kInvalidTxnState,
                  "transactions are not supported by this broker");
  }
  if (header->control()) {
    return failed(index, ErrorCode::kInvalidRecord, "clients may not produce control batches");
  }
  return std::nullopt;
}

PartitionResponse produce_partition(BrokerServices& broker, TopicLookup& topics,
                                    const std::string& topic_name,
                                    const ProduceRequest::PartitionProduceData& data,
                                    bool transactional_request, bool fsync) {
  const sdk::TopicInfo* topic = topics.by_name(topic_name);
  PartitionTarget target = topics.partition(topic, data.index);
  if (!target.ok()) return failed(data.index, target.error);

  std::vector<uint8_t> copy;  // only if the codec ever hands over a chunked value
  std::span<const uint8_t> bytes;
  if (data.records.is_contiguous()) {
    bytes = data.records.bytes();
  } else {
    copy = data.records.to_vector();
    bytes = copy;
  }
  if (auto problem = check_framing(data.index, bytes, transactional_request)) return *problem;

  sdk::AppendRequest append;
  append.batches = bytes;
  append.leader_epoch = target.leader_epoch;
  append.fsync = fsync;
  sdk::AppendResult result = target.log->append(append);

  // A duplicate of an already appended batch is acknowledged with the original
  // offsets (Kafka answers NONE with them; the engine may report it either way).
  bool duplicate =
      result.error == sdk::ErrorCode::kDuplicateSequenceNumber && result.base_offset >= 0;
  if (result.error != sdk::ErrorCode::kNone && !duplicate) {
    PartitionResponse out = failed(data.index, result.error, result.error_message);
    for (const auto& e : result.record_errors) {
      ProduceResponse::BatchIndexAndErrorMessage r;
      r.batch_index = e.batch_index;
      if (!e.message.empty()) r.batch_index_error_message = e.message;
      out.record_errors.push_back(std::move(r));
    }
    return out;
  }
  PartitionResponse out;
  out.index = data.index;
  out.base_offset = result.base_offset;
  out.log_append_time_ms = result.log_append_time_ms;
  out.log_start_offset = result.log_start_offset;
  advance_high_watermark(*target.log);
  broker.fetch_waiters.notify(sdk::TopicPartition{topic_name, data.index});
  return out;
}

// BrokerTopicMetrics: every partition counts as a produce request; records and
// bytes count once appended. Unknown topics count only towards the broker total.
void record_produce(metrics::BrokerTopicMetrics& metrics, const std::string& topic,
                    const ProduceRequest::PartitionProduceData& data, const PartitionResponse& r) {
  const auto error = static_cast<sdk::ErrorCode>(r.error_code);
  uint64_t messages = 0;
  if (error == sdk::ErrorCode::kNone && data.records.is_contiguous()) {
    if (auto header = sdk::RecordBatchHeader::parse(data.records.bytes())) {
      messages = static_cast<uint64_t>(std::max(header->records_count, 0));
    }
  }
  metrics.produce(error == sdk::ErrorCode::kUnknownTopicOrPartition ? std::string_view() : topic,
                  error, messages, data.records.size());
}

}  // namespace

void handle_produce(RequestContext& ctx, ProduceRequest& request,
                    Responder<ProduceResponse> respond) {
  BrokerServices& broker = ctx.broker;
  const bool valid_acks = request.acks == 0 || request.acks == 1 || request.acks == -1;
  const bool transactional = request.transactional_id.has_value();
  const bool fsync = broker.config.get_bool(kFlushOnAppend, false);

  ProduceResponse response;
  TopicLookup topics(broker);
  bool any_error = false;
  // Kafka: WRITE on the transactional id first (it fails every partition), then
  // WRITE on each topic, asked before its existence so names do not leak.
  const bool transaction_allowed =
      !transactional || authorized(ctx, sdk::AclOperation::kWrite,
                                   sdk::ResourceType::kTransactionalId, *request.transactional_id);
  std::vector<std::string> names;
  for (const auto& topic : request.topic_data) names.push_back(topic.name);
  const auto writable =
      authorized_each(ctx, sdk::AclOperation::kWrite, sdk::ResourceType::kTopic, names);
  for (size_t t = 0; t < request.topic_data.size(); ++t) {
    const auto& topic = request.topic_data[t];
    ProduceResponse::TopicProduceResponse out;
    out.name = topic.name;
    for (const auto& partition : topic.partition_data) {
      PartitionResponse r =
          !valid_acks          ? failed(partition.index, sdk::ErrorCode::kInvalidRequiredAcks)
          : !transaction_allowed
              ? failed(partition.index, sdk::ErrorCode::kTransactionalIdAuthorizationFailed)
          : !writable[t] ? failed(partition.index, sdk::ErrorCode::kTopicAuthorizationFailed)
                         : produce_partition(broker, topics, topic.name, partition, transactional,
                                             fsync);
      any_error = any_error || r.error_code != 0;
      if (valid_acks && broker.topic_metrics) {
        record_produce(*broker.topic_metrics, topic.name, partition, r);
      }
      out.partition_responses.push_back(std::move(r));
    }
    response.responses.push_back(std::move(out));
  }

  if (request.acks == 0) {
    if (any_error) {
      respond.close_connection("acks=0 produce failed for at least one partition");
    } else {
      respond.no_response();
    }
    return;
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server

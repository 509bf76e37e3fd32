// DeleteRecords (key 21): advances partitions' log start offsets. Offset -1 means
// the high watermark; beyond it (or negative) is OFFSET_OUT_OF_RANGE; compacted-only
// topics refuse (POLICY_VIOLATION). Answers each partition's new low watermark.
#include <algorithm>

#include "kernel/protocol/generated/delete_records_request.h"
#include "kernel/protocol/generated/delete_records_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"
#include "kernel/server/topic_admin.h"

namespace skiff::kernel::server {
namespace {

using protocol::DeleteRecordsRequest;
using protocol::DeleteRecordsResponse;
using PartitionResult = DeleteRecordsResponse::DeleteRecordsPartitionResult;

constexpr int64_t kHighWatermark = -1;
constexpr int64_t kInvalidLowWatermark = -1;

PartitionResult delete_before(BrokerServices& broker, const std::string& topic, bool deletable,
                              const DeleteRecordsRequest::DeleteRecordsPartition& request) {
  PartitionResult result;
  result.partition_index = request.partition_index;
  result.low_watermark = kInvalidLowWatermark;
  auto fail = [&](sdk::ErrorCode error) {
    result.error_code = sdk::to_wire(error);
    return result;
  };
  auto log = broker.partitions.get(topic, request.partition_index);
  if (!log) return fail(sdk::ErrorCode::kUnknownTopicOrPartition);
  if (!deletable) return fail(sdk::ErrorCode::kPolicyViolation);
  int64_t high_watermark = log->high_watermark();
  int64_t offset = request.offset == kHighWatermark ? high_watermark : request.offset;
  if (offset < 0 || offset > high_watermark) return fail(sdk::ErrorCode::kOffsetOutOfRange);
  try {
    // Below the current start there is nothing to delete; the start stays.
    if (offset > log->log_start_offset()) {
      if (auto error = log->delete_records_before(offset); error != sdk::ErrorCode::kNone) {
        return fail(error);
      }
    }
  } catch (const std::exception& e) {
    broker.logger.warn("DeleteRecords on " + topic + "-" + std::to_string(request.partition_index) +
                       " failed: " + e.what());
    return fail(sdk::ErrorCode::kKafkaStorageError);
  }
  result.low_watermark = log->log_start_offset();
  return result;
}

}  // namespace

void handle_delete_records(RequestContext& ctx, DeleteRecordsRequest& request,
                           Responder<DeleteRecordsResponse> respond) {
  BrokerServices& broker = ctx.broker;
  DeleteRecordsResponse response;
  for (const auto& topic : request.topics) {
    DeleteRecordsResponse::DeleteRecordsTopicResult out;
    out.name = topic.name;
    const bool allowed =
        authorized(ctx, sdk::AclOperation::kDelete, sdk::ResourceType::kTopic, topic.name);
    auto info = allowed ? broker.controller.topic(topic.name) : std::nullopt;
    // Records of a compacted topic can only be deleted when it also uses "delete".
    bool deletable = false;
    if (info) {
      auto policy = effective_topic_config(broker.config, *info)->get_list("cleanup.policy");
      deletable = std::find(policy.begin(), policy.end(), "delete") != policy.end();
    }
    for (const auto& partition : topic.partitions) {
      if (!info) {
        PartitionResult result;
        result.partition_index = partition.partition_index;
        result.low_watermark = kInvalidLowWatermark;
        result.error_code = sdk::to_wire(allowed ? sdk::ErrorCode::kUnknownTopicOrPartition
                                                 : sdk::ErrorCode::kTopicAuthorizationFailed);
        out.partitions.push_back(result);
        continue;
      }
      out.partitions.push_back(delete_before(broker, topic.name, deletable, partition));
    }
    response.topics.push_back(std::move(out));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server

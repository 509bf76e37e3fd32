// ListOffsets (key 2): offsets by time. Special timestamps: -2 earliest (log start),
// -1 latest (high watermark, or last stable offset for read_committed), -3 the record
// with the largest timestamp (v7+), -4 earliest local (= earliest: no tiered storage),
// -5 latest tiered (none: offset -1). Otherwise the first offset whose timestamp is
// at or after the one asked for, or offset -1 / timestamp -1 when there is none.
#include "kernel/protocol/generated/list_offsets_request.h"
#include "kernel/protocol/generated/list_offsets_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"
#include "kernel/server/partition_lookup.h"

namespace skiff::kernel::server {
namespace {

using protocol::ListOffsetsRequest;
using protocol::ListOffsetsResponse;
using PartitionResponse = ListOffsetsResponse::ListOffsetsPartitionResponse;

constexpr int64_t kLatest = -1;
constexpr int64_t kEarliest = -2;
constexpr int64_t kMaxTimestamp = -3;
constexpr int64_t kEarliestLocal = -4;
constexpr int64_t kLatestTiered = -5;
constexpr int8_t kReadCommitted = 1;

PartitionResponse list_partition(TopicLookup& topics, const sdk::TopicInfo* topic,
                                 const ListOffsetsRequest::ListOffsetsPartition& request,
                                 bool read_committed) {
  PartitionResponse out;
  out.partition_index = request.partition_index;
  out.timestamp = -1;
  out.offset = -1;
  out.leader_epoch = -1;
  PartitionTarget target =
      topics.partition(topic, request.partition_index, request.current_leader_epoch);
  if (!target.ok()) {
    out.error_code = sdk::to_wire(target.error);
    return out;
  }
  sdk::PartitionLog& log = *target.log;
  // Consumers never see past the high watermark (or the last stable offset).
  int64_t fetchable_end = read_committed ? log.last_stable_offset() : log.high_watermark();

  auto set = [&](const std::optional<sdk::OffsetAndTimestamp>& found) {
    if (!found || found->offset < 0 || found->offset >= fetchable_end) return;
    out.offset = found->offset;
    out.timestamp = found->timestamp;
    out.leader_epoch = found->leader_epoch;
  };
  switch (request.timestamp) {
    case kEarliest:
    case kEarliestLocal:
      out.offset = log.log_start_offset();
      break;
    case kLatest:
      out.offset = fetchable_end;
      out.leader_epoch = target.leader_epoch;
      break;
    case kLatestTiered:
      break;  // no tiered storage: nothing is tiered
    case kMaxTimestamp:
      set(log.max_timestamp());
      break;
    default:
      set(log.offset_for_timestamp(request.timestamp));
      break;
  }
  return out;
}

PartitionResponse unauthorized(const ListOffsetsRequest::ListOffsetsPartition& request) {
  PartitionResponse out;
  out.partition_index = request.partition_index;
  out.timestamp = -1;
  out.offset = -1;
  out.leader_epoch = -1;
  out.error_code = sdk::to_wire(sdk::ErrorCode::kTopicAuthorizationFailed);
  return out;
}

}  // namespace

void handle_list_offsets(RequestContext& ctx, ListOffsetsRequest& request,
                         Responder<ListOffsetsResponse> respond) {
  TopicLookup topics(ctx.broker);
  const bool read_committed = request.isolation_level == kReadCommitted;
  ListOffsetsResponse response;
  const auto describable =
      authorized_each(ctx, sdk::AclOperation::kDescribe, sdk::ResourceType::kTopic, request.topics,
                      &ListOffsetsRequest::ListOffsetsTopic::name);
  for (size_t t = 0; t < request.topics.size(); ++t) {
    const auto& topic = request.topics[t];
    ListOffsetsResponse::ListOffsetsTopicResponse out;
    out.name = topic.name;
    const sdk::TopicInfo* info = describable[t] ? topics.by_name(topic.name) : nullptr;
    for (const auto& partition : topic.partitions) {
      PartitionResponse r = describable[t]
                                ? list_partition(topics, info, partition, read_committed)
                                : unauthorized(partition);
      if (respond.version() < 4) r.leader_epoch = -1;  // not in the response before v4
      out.partitions.push_back(std::move(r));
    }
    response.topics.push_back(std::move(out));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server

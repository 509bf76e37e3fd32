// OffsetForLeaderEpoch (key 23): for each partition, the largest leader epoch at or
// below the one asked for and the offset where it ended (the log end for the current
// epoch), so a consumer can detect log truncation (KIP-320). Unknown epochs give
// epoch -1 / offset -1, as Kafka does. Consumers need DESCRIBE on each topic,
// followers (replica_id >= 0) CLUSTER_ACTION.
#include "kernel/protocol/generated/offset_for_leader_epoch_request.h"
#include "kernel/protocol/generated/offset_for_leader_epoch_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"
#include "kernel/server/partition_lookup.h"

namespace skiff::kernel::server {

using protocol::OffsetForLeaderEpochRequest;
using protocol::OffsetForLeaderEpochResponse;

void handle_offset_for_leader_epoch(RequestContext& ctx, OffsetForLeaderEpochRequest& request,
                                    Responder<OffsetForLeaderEpochResponse> respond) {
  TopicLookup topics(ctx.broker);
  OffsetForLeaderEpochResponse response;
  std::vector<bool> allowed;
  if (request.replica_id >= 0) {
    allowed.assign(request.topics.size(),
                   authorized_on_cluster(ctx, sdk::AclOperation::kClusterAction));
  } else {
    allowed = authorized_each(ctx, sdk::AclOperation::kDescribe, sdk::ResourceType::kTopic,
                              request.topics, &OffsetForLeaderEpochRequest::OffsetForLeaderTopic::topic);
  }
  for (size_t t = 0; t < request.topics.size(); ++t) {
    const auto& topic = request.topics[t];
    OffsetForLeaderEpochResponse::OffsetForLeaderTopicResult out;
    out.topic = topic.topic;
    const sdk::TopicInfo* info = allowed[t] ? topics.by_name(topic.topic) : nullptr;
    for (const auto& p : topic.partitions) {
      OffsetForLeaderEpochResponse::EpochEndOffset result;
      result.partition = p.partition;
      result.leader_epoch = -1;
      result.end_offset = -1;
      PartitionTarget target = topics.partition(info, p.partition, p.current_leader_epoch);
      if (!allowed[t]) {
        result.error_code = sdk::to_wire(sdk::ErrorCode::kTopicAuthorizationFailed);
      } else if (!target.ok()) {
        result.error_code = sdk::to_wire(target.error);
      } else {
        sdk::OffsetAndTimestamp end = target.log->end_offset_for_epoch(p.leader_epoch);
        result.leader_epoch = end.leader_epoch;
        result.end_offset = end.offset;
      }
      out.partitions.push_back(std::move(result));
    }
    response.topics.push_back(std::move(out));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server

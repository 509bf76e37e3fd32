// OffsetFetch (key 9): committed offsets of one group (v1-7) or several (v8+),
// for the partitions asked or, with a null topic list, for all of them.
#include <set>

#include "kernel/groups/group_coordinator.h"
#include "kernel/protocol/generated/offset_fetch_request.h"
#include "kernel/protocol/generated/offset_fetch_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {
namespace {

using protocol::OffsetFetchResponse;
using Coordinator = groups::GroupCoordinator;

// Offsets of one group, grouped by topic in the order they came: the shape both
// the v1-7 and the v8+ responses share.
struct TopicOffsets {
  std::string topic;
  std::vector<Coordinator::FetchedOffset> partitions;
};

std::vector<TopicOffsets> by_topic(std::vector<Coordinator::FetchedOffset> offsets) {
  std::vector<TopicOffsets> out;
  for (auto& o : offsets) {
    if (out.empty() || out.back().topic != o.topic) out.push_back(TopicOffsets{o.topic, {}});
    out.back().partitions.push_back(std::move(o));
  }
  return out;
}

// Fills a response partition (either generation of the schema: same field names).
template <class Partition>
Partition partition_of(const Coordinator::FetchedOffset& o, sdk::ErrorCode error) {
  Partition p;
  p.partition_index = o.partition;
  p.committed_offset = o.offset ? o.offset->offset : -1;
  p.committed_leader_epoch = o.offset ? o.offset->leader_epoch : -1;
  p.metadata = o.offset ? o.offset->metadata : "";
  p.error_code = sdk::to_wire(error);
  return p;
}

template <class Topics>
std::optional<Coordinator::TopicPartitions> requested(const std::optional<Topics>& topics) {
  if (!topics) return std::nullopt;
  Coordinator::TopicPartitions out;
  for (const auto& t : *topics) out.emplace_back(t.name, t.partition_indexes);
  return out;
}

// The group's offsets as the client may see them: the group needs DESCRIBE; of
// its topics, those the client may not DESCRIBE are left out of an every-topic
// answer and fail with TOPIC_AUTHORIZATION_FAILED (in `denied`) when named.
struct AuthorizedOffsets {
  Coordinator::FetchResult fetched;
  std::set<std::string> denied;
  sdk::ErrorCode error_of(const std::string& topic) const {
    return denied.contains(topic) ? sdk::ErrorCode::kTopicAuthorizationFailed
                                  : sdk::ErrorCode::kNone;
  }
};

AuthorizedOffsets fetch_authorized(RequestContext& ctx, const std::string& group_id,
                                   const std::optional<Coordinator::TopicPartitions>& topics) {
  AuthorizedOffsets out;
  if (!authorized(ctx, sdk::AclOperation::kDescribe, sdk::ResourceType::kGroup, group_id)) {
    out.fetched.error = sdk::ErrorCode::kGroupAuthorizationFailed;
    return out;
  }
  out.fetched = ctx.broker.groups.fetch_offsets(group_id, topics);
  auto& offsets = out.fetched.offsets;
  auto visible =
      authorized_each(ctx, sdk::AclOperation::kDescribe, sdk::ResourceType::kTopic, offsets,
                      &Coordinator::FetchedOffset::topic,
                      topics ? AuditDenials::kYes : AuditDenials::kNo);
  std::vector<Coordinator::FetchedOffset> kept;
  for (size_t i = 0; i < offsets.size(); ++i) {
    if (!visible[i]) {
      if (!topics) continue;
      out.denied.insert(offsets[i].topic);
      offsets[i].offset.reset();
    }
    kept.push_back(std::move(offsets[i]));
  }
  offsets = std::move(kept);
  return out;
}

}  // namespace

void handle_offset_fetch(RequestContext& ctx, protocol::OffsetFetchRequest& request,
                         Responder<OffsetFetchResponse> respond) {
  OffsetFetchResponse response;
  if (respond.version() >= 8) {
    for (const auto& group : request.groups) {
      AuthorizedOffsets authorized_offsets =
          fetch_authorized(ctx, group.group_id, requested(group.topics));
      Coordinator::FetchResult& fetched = authorized_offsets.fetched;
      OffsetFetchResponse::OffsetFetchResponseGroup out;
      out.group_id = group.group_id;
      out.error_code = sdk::to_wire(fetched.error);
      for (auto& t : by_topic(std::move(fetched.offsets))) {
        OffsetFetchResponse::OffsetFetchResponseTopics topic;
        topic.name = t.topic;
        for (const auto& o : t.partitions) {
          topic.partitions.push_back(
              partition_of<OffsetFetchResponse::OffsetFetchResponsePartitions>(
                  o, authorized_offsets.error_of(t.topic)));
        }
        out.topics.push_back(std::move(topic));
      }
      response.groups.push_back(std::move(out));
    }
    respond.send(response);
    return;
  }

  auto topics = requested(request.topics);
  AuthorizedOffsets authorized_offsets = fetch_authorized(ctx, request.group_id, topics);
  Coordinator::FetchResult& fetched = authorized_offsets.fetched;
  sdk::ErrorCode partition_error = sdk::ErrorCode::kNone;
  if (fetched.error != sdk::ErrorCode::kNone) {
    // v2+ has a top-level error; v1 reports it on every partition asked for.
    response.error_code = sdk::to_wire(fetched.error);
    if (respond.version() >= 2 || !topics) {
      respond.send(response);
      return;
    }
    partition_error = fetched.error;
    fetched.offsets.clear();
    for (const auto& [topic, partitions] : *topics) {
      for (int32_t p : partitions) fetched.offsets.push_back(Coordinator::FetchedOffset{topic, p, std::nullopt});
    }
  }
  for (auto& t : by_topic(std::move(fetched.offsets))) {
    OffsetFetchResponse::OffsetFetchResponseTopic topic;
    topic.name = t.topic;
    for (const auto& o : t.partitions) {
      topic.partitions.push_back(partition_of<OffsetFetchResponse::OffsetFetchResponsePartition>(
          o, partition_error != sdk::ErrorCode::kNone ? partition_error
                                                      : authorized_offsets.error_of(t.topic)));
    }
    response.topics.push_back(std::move(topic));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server

// FindCoordinator (key 10): a consumer group's coordinator is this node, which owns
// every coordinator partition of a single-node cluster; transaction coordinators
// do not exist yet. v4+ looks up several keys at once. Needs DESCRIBE on the group
// (or transactional id).
#include "kernel/groups/group_coordinator.h"
#include "kernel/protocol/generated/find_coordinator_request.h"
#include "kernel/protocol/generated/find_coordinator_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {
namespace {

using protocol::FindCoordinatorResponse;
using sdk::ErrorCode;

constexpr int8_t kGroupKeyType = 0;
constexpr int8_t kTransactionKeyType = 1;

struct Found {
  ErrorCode error = ErrorCode::kNone;
  int32_t node_id = -1;
  std::string host;
  int32_t port = -1;
};

Found failed(ErrorCode error) {
  Found f;
  f.error = error;
  return f;
}

Found find(RequestContext& ctx, int8_t key_type, const std::string& key) {
  if (key_type == kTransactionKeyType) {
    if (!authorized(ctx, sdk::AclOperation::kDescribe, sdk::ResourceType::kTransactionalId, key)) {
      return failed(ErrorCode::kTransactionalIdAuthorizationFailed);
    }
    return failed(ErrorCode::kCoordinatorNotAvailable);
  }
  if (key_type != kGroupKeyType) return failed(ErrorCode::kInvalidRequest);
  if (!authorized(ctx, sdk::AclOperation::kDescribe, sdk::ResourceType::kGroup, key)) {
    return failed(ErrorCode::kGroupAuthorizationFailed);
  }
  ErrorCode status = ctx.broker.groups.coordinator_status(key);
  if (status != ErrorCode::kNone) return failed(status);
  for (const auto& b : ctx.broker.controller.brokers()) {
    if (b.node_id != ctx.broker.node_id) continue;
    for (const auto& endpoint : b.endpoints) {
      // The address of the listener the client came through, as Metadata gives.
      if (endpoint.listener == ctx.connection->identity.listener) {
        return Found{ErrorCode::kNone, b.node_id, endpoint.host, endpoint.port};
      }
    }
  }
  return failed(ErrorCode::kCoordinatorNotAvailable);
}

std::optional<std::string> message_of(ErrorCode error) {
  switch (error) {
    case ErrorCode::kNone:
      return std::nullopt;
    case ErrorCode::kCoordinatorNotAvailable:
      return "The coordinator is not available.";
    case ErrorCode::kCoordinatorLoadInProgress:
      return "The coordinator is loading and hence can't process requests.";
    case ErrorCode::kInvalidRequest:
      return "Unknown coordinator type.";
    case ErrorCode::kGroupAuthorizationFailed:
    case ErrorCode::kTransactionalIdAuthorizationFailed:
      return "Authorization failed.";
    default:
      return "This is not the correct coordinator.";
  }
}

}  // namespace

void handle_find_coordinator(RequestContext& ctx, protocol::FindCoordinatorRequest& request,
                             Responder<FindCoordinatorResponse> respond) {
  FindCoordinatorResponse response;
  if (respond.version() >= 4) {
    for (const auto& key : request.coordinator_keys) {
      Found found = find(ctx, request.key_type, key);
      FindCoordinatorResponse::Coordinator c;
      c.key = key;
      c.node_id = found.node_id;
      c.host = found.host;
      c.port = found.port;
      c.error_code = sdk::to_wire(found.error);
      c.error_message = message_of(found.error);
      response.coordinators.push_back(std::move(c));
    }
  } else {
    Found found = find(ctx, request.key_type, request.key);
    response.error_code = sdk::to_wire(found.error);
    response.error_message = message_of(found.error);
    response.node_id = found.node_id;
    response.host = found.host;
    response.port = found.port;
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server

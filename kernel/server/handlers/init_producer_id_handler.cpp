// InitProducerId (key 22): producer ids for idempotent producers. A new producer gets
// a fresh id (from blocks the controller reserves durably) with epoch 0; a producer
// that names its current id and epoch (v3+, KIP-360) keeps the id with the epoch
// bumped, or gets a fresh id when the epoch would overflow.
//
// Transactions are not implemented yet: a transactional id gets
// COORDINATOR_NOT_AVAILABLE, Kafka's answer while no transaction coordinator is
// available (clients retry until their own timeout); an empty one INVALID_REQUEST.
//
// Authorization as Kafka: WRITE on the transactional id, or for an idempotent
// producer IDEMPOTENT_WRITE on the cluster or WRITE on some topic.
#include <limits>

#include "kernel/protocol/generated/init_producer_id_request.h"
#include "kernel/protocol/generated/init_producer_id_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {

using protocol::InitProducerIdRequest;
using protocol::InitProducerIdResponse;

namespace {

bool may_write_idempotently(const RequestContext& ctx) {
  if (!ctx.broker.authorizer) return true;
  return authorized_on_cluster(ctx, sdk::AclOperation::kIdempotentWrite, AuditDenials::kNo) ||
         ctx.broker.authorizer->authorize_any(ctx.connection->identity, sdk::AclOperation::kWrite,
                                              sdk::ResourceType::kTopic);
}

}  // namespace

void handle_init_producer_id(RequestContext& ctx, InitProducerIdRequest& request,
                             Responder<InitProducerIdResponse> respond) {
  InitProducerIdResponse response;
  auto fail = [&](sdk::ErrorCode error) {
    response.error_code = sdk::to_wire(error);
    response.producer_id = -1;
    response.producer_epoch = -1;
    respond.send(response);
  };

  if (request.transactional_id.has_value()) {
    if (!request.transactional_id->empty() &&
        !authorized(ctx, sdk::AclOperation::kWrite, sdk::ResourceType::kTransactionalId,
                    *request.transactional_id)) {
      return fail(sdk::ErrorCode::kTransactionalIdAuthorizationFailed);
    }
    return fail(request.transactional_id->empty() ? sdk::ErrorCode::kInvalidRequest
                                                  : sdk::ErrorCode::kCoordinatorNotAvailable);
  }
  if (!may_write_idempotently(ctx)) return fail(sdk::ErrorCode::kClusterAuthorizationFailed);
  const bool has_id = request.producer_id >= 0;
  const bool has_epoch = request.producer_epoch >= 0;
  if (has_id != has_epoch || request.producer_id < -1 || request.producer_epoch < -1) {
    return fail(sdk::ErrorCode::kInvalidRequest);
  }
  // Kafka keeps the last epoch (Short.MAX_VALUE) unused; past it a new id is needed.
  constexpr int16_t kLastBumpableEpoch = std::numeric_limits<int16_t>::max() - 2;
  if (has_id && request.producer_epoch <= kLastBumpableEpoch) {
    response.producer_id = request.producer_id;
    response.producer_epoch = static_cast<int16_t>(request.producer_epoch + 1);
  } else {
    response.producer_id = ctx.broker.producer_ids.next();
    response.producer_epoch = 0;
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server

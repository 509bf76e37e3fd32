// SaslHandshake (key 17): the client names its SASL mechanism; the answer lists the
// listener's mechanisms. v0 means the tokens that follow travel without Kafka headers.
#include "kernel/protocol/generated/sasl_handshake_request.h"
#include "kernel/protocol/generated/sasl_handshake_response.h"
#include "kernel/security/sasl_authenticator.h"
#include "kernel/server/handlers/security_handlers.h"

namespace skiff::kernel::server {

void handle_sasl_handshake(RequestContext& ctx, protocol::SaslHandshakeRequest& request,
                           Responder<protocol::SaslHandshakeResponse> respond) {
  protocol::SaslHandshakeResponse response;
  auto* state = security::SaslConnectionState::of(*ctx.connection);
  if (!state) {
    // Not a SASL listener: Kafka answers ILLEGAL_SASL_STATE.
    response.error_code = sdk::to_wire(sdk::ErrorCode::kIllegalSaslState);
    respond.send(response);
    return;
  }
  auto outcome = state->authenticator.handshake(*ctx.connection, request.mechanism, ctx.api_version);
  response.error_code = sdk::to_wire(outcome.error);
  response.mechanisms = std::move(outcome.mechanisms);
  respond.send(response);
}

}  // namespace skiff::kernel::server

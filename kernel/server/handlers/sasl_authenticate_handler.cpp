// SaslAuthenticate (key 36): one SASL token of the exchange the handshake started.
// A failure is answered with SASL_AUTHENTICATION_FAILED after a delay that grows
// with repeated failures from the same address; the connection then only closes.
#include "kernel/protocol/generated/sasl_authenticate_request.h"
#include "kernel/protocol/generated/sasl_authenticate_response.h"
#include "kernel/security/sasl_authenticator.h"
#include "kernel/server/handlers/security_handlers.h"

namespace skiff::kernel::server {

void handle_sasl_authenticate(RequestContext& ctx, protocol::SaslAuthenticateRequest& request,
                              Responder<protocol::SaslAuthenticateResponse> respond) {
  protocol::SaslAuthenticateResponse response;
  auto* state = security::SaslConnectionState::of(*ctx.connection);
  if (!state) {
    response.error_code = sdk::to_wire(sdk::ErrorCode::kIllegalSaslState);
    response.error_message = "SaslAuthenticate on a listener without SASL";
    respond.send(response);
    return;
  }
  auto outcome = state->authenticator.authenticate(
      *ctx.connection, std::string_view(reinterpret_cast<const char*>(request.auth_bytes.data()),
                                        request.auth_bytes.size()));
  response.error_code = sdk::to_wire(outcome.error);
  if (outcome.message.empty()) {
    response.error_message.reset();
  } else {
    response.error_message = std::move(outcome.message);
  }
  response.auth_bytes.assign(outcome.server_bytes.begin(), outcome.server_bytes.end());
  response.session_lifetime_ms = outcome.session_lifetime_ms;
  state->authenticator.after(outcome.delay, [respond, response = std::move(response)]() mutable {
    respond.send(response);
  });
}

}  // namespace skiff::kernel::server

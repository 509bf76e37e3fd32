// ApiVersions (key 18): the APIs and versions this broker serves.
#include "kernel/protocol/generated/api_versions_request.h"
#include "kernel/server/api_versions.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {

void handle_api_versions(RequestContext& ctx, protocol::ApiVersionsRequest& /*request*/,
                         Responder<protocol::ApiVersionsResponse> respond) {
  // v3+ carries client_software_name/version; nothing to validate for a broker.
  respond.send(build_api_versions_response(ctx.broker.handlers));
}

}  // namespace skiff::kernel::server

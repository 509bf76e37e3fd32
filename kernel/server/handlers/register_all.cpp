// The handler table: every implemented API with the versions Skiff serves. Floors
// follow Kafka 4.x (KIP-896); ceilings are the newest versions the schemas define.
#include "kernel/protocol/generated/api_versions_request.h"
#include "kernel/protocol/generated/api_versions_response.h"
#include "kernel/protocol/generated/metadata_request.h"
#include "kernel/protocol/generated/metadata_response.h"
#include "kernel/server/handler_table.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {

namespace p = skiff::protocol;

void register_all_handlers(HandlerTable& table) {
  table.add<p::ApiVersionsRequest, p::ApiVersionsResponse>(0, 4, handle_api_versions);
  table.add<p::MetadataRequest, p::MetadataResponse>(0, 12, handle_metadata);
}

}  // namespace skiff::kernel::server

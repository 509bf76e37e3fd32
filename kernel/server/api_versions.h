// Builds the ApiVersions response body from the handler table: exactly the APIs and
// version ranges Skiff implements.
#pragma once

#include "kernel/protocol/generated/api_versions_response.h"
#include "kernel/server/handler_table.h"

namespace skiff::kernel::server {

protocol::ApiVersionsResponse build_api_versions_response(const HandlerTable& handlers);

}  // namespace skiff::kernel::server

#include "kernel/server/api_versions.h"

namespace skiff::kernel::server {

protocol::ApiVersionsResponse build_api_versions_response(const HandlerTable& handlers) {
  protocol::ApiVersionsResponse response;
  for (const auto* entry : handlers.implemented()) {
    protocol::ApiVersionsResponse::ApiVersion api;
    api.api_key = entry->api_key;
    api.min_version = entry->advertised_min_version;
    api.max_version = entry->max_version;
    response.api_keys.push_back(api);
  }
  return response;
}

}  // namespace skiff::kernel::server

// Plugins' request handlers (sdk::RequestHandler) in the handler table: each one's
// API becomes an entry served through the kernel's dispatch path. An api key served
// twice — by the kernel or another plugin — refuses startup, naming both.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kernel/server/handler_table.h"
#include "skiff/sdk/request_handler.h"

namespace skiff::kernel::server {

struct PluginRequestHandler {
  std::string plugin;  // the plugin that registered it
  std::string name;    // its extension name
  std::shared_ptr<sdk::RequestHandler> handler;
};

// Adds every handler's API to `table` (after the kernel's own). Throws
// std::runtime_error on a collision or an invalid API description.
void register_plugin_handlers(HandlerTable& table,
                              const std::vector<PluginRequestHandler>& handlers);

}  // namespace skiff::kernel::server

// What a handler knows about the request it serves: the header, the connection it
// came on, and the broker's services.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "kernel/net/request_processor.h"

namespace skiff::kernel::server {

struct BrokerServices;

struct RequestContext {
  int16_t api_key = 0;
  int16_t api_version = 0;
  int32_t correlation_id = 0;
  std::string client_id;
  std::shared_ptr<net::ConnectionInfo> connection;
  BrokerServices& broker;
};

}  // namespace skiff::kernel::server

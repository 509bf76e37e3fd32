// Turns request frames into handler calls: parses the request header, refuses
// unknown APIs and versions the way Kafka does, decodes the body, and runs the
// handler. Malformed requests close the connection with a logged reason.
#pragma once

#include "kernel/net/request_processor.h"
#include "kernel/server/handler_table.h"
#include "skiff/sdk/log.h"

namespace skiff::kernel::server {

class RequestDispatcher final : public net::RequestProcessor {
 public:
  RequestDispatcher(const HandlerTable& handlers, BrokerServices& broker, sdk::Logger& logger);

  void process(const std::shared_ptr<net::ConnectionInfo>& connection, net::InboundFrame frame,
               net::ReplyCallback done) override;
  // The APIs the handler table registered as network-thread handlers.
  bool runs_on_network_thread(const net::ConnectionInfo& connection,
                              const net::InboundFrame& frame) const override;

 private:
  void reply_unsupported_api_versions(const std::shared_ptr<ReplyTarget>& target);

  const HandlerTable& handlers_;
  BrokerServices& broker_;
  sdk::Logger& logger_;
};

}  // namespace skiff::kernel::server

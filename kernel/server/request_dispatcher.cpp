#include "kernel/server/request_dispatcher.h"

#include "kernel/protocol/frame.h"
#include "kernel/protocol/generated/api_versions_response.h"
#include "kernel/server/api_versions.h"
#include "skiff/sdk/error_code.h"

namespace skiff::kernel::server {

namespace {
constexpr int16_t kApiVersionsKey = 18;
}

RequestDispatcher::RequestDispatcher(const HandlerTable& handlers, BrokerServices& broker,
                                     sdk::Logger& logger)
    : handlers_(handlers), broker_(broker), logger_(logger) {}

void RequestDispatcher::process(const std::shared_ptr<net::ConnectionInfo>& connection,
                                net::InboundFrame frame, net::ReplyCallback done) {
  const auto& buffer = *frame.buffer;
  protocol::RequestFrame parsed;
  try {
    parsed = protocol::parse_request_frame(buffer.data(), buffer.size());
  } catch (const std::exception& e) {
    done(net::Reply::close(std::string("malformed request header: ") + e.what()));
    return;
  }
  const protocol::RequestHeader& header = parsed.header;
  if (header.client_id) connection->identity.client_id = *header.client_id;
  protocol::Reader reader(buffer.data() + parsed.body_offset, buffer.size() - parsed.body_offset,
                          frame.buffer);

  auto target = std::make_shared<ReplyTarget>();
  target->api_key = header.request_api_key;
  target->api_version = header.request_api_version;
  target->correlation_id = header.correlation_id;
  target->reply = std::move(done);

  const HandlerTable::Entry* entry = handlers_.find(header.request_api_key);
  if (entry == nullptr || header.request_api_version < entry->min_version ||
      header.request_api_version > entry->max_version) {
    if (header.request_api_key == kApiVersionsKey) {
      // Kafka answers an ApiVersions it cannot parse with v0 and UNSUPPORTED_VERSION,
      // listing what it supports, so the client can retry with a version it knows.
      reply_unsupported_api_versions(target);
      return;
    }
    target->deliver(net::Reply::close(
        "unsupported request: api key " + std::to_string(header.request_api_key) + " version " +
        std::to_string(header.request_api_version) +
        (entry ? " (supported " + std::to_string(entry->min_version) + "-" +
                     std::to_string(entry->max_version) + ")"
               : " (api not implemented)")));
    return;
  }

  RequestContext context{header.request_api_key, header.request_api_version, header.correlation_id,
                         connection->identity.client_id, connection, broker_};
  try {
    entry->invoke(context, reader, target);
  } catch (const protocol::DecodeError& e) {
    target->deliver(net::Reply::close("malformed request (api key " +
                                    std::to_string(header.request_api_key) + " version " +
                                    std::to_string(header.request_api_version) + "): " + e.what()));
  } catch (const std::exception& e) {
    logger_.error("handler for api key " + std::to_string(header.request_api_key) + " failed: " +
                  e.what());
    target->deliver(net::Reply::close(std::string("internal error: ") + e.what()));
  }
}

void RequestDispatcher::reply_unsupported_api_versions(const std::shared_ptr<ReplyTarget>& target) {
  protocol::ApiVersionsResponse response = build_api_versions_response(handlers_);
  response.error_code = sdk::to_wire(sdk::ErrorCode::kUnsupportedVersion);
  target->api_version = 0;
  auto frame = frame_response(*target, [&](protocol::Writer& w) { response.encode(w, 0); });
  target->deliver(net::Reply::respond(std::move(frame)));
}

}  // namespace skiff::kernel::server

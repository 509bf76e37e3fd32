#include "kernel/server/plugin_request_handlers.h"

#include <span>
#include <stdexcept>

#include "kernel/protocol/generated/api_table.h"

namespace skiff::kernel::server {

namespace {

std::string describe(const PluginRequestHandler& h, int16_t api_key) {
  return "plugin '" + h.plugin + "' (request handler '" + h.name + "') claims api key " +
         std::to_string(api_key);
}

std::string kafka_name(int16_t api_key) {
  const protocol::ApiInfo* kafka = protocol::find_api(api_key);
  return kafka ? std::string(" (") + kafka->name + ")" : std::string();
}

// The API as the handler declares it, checked against the table; throws naming the
// plugin.
sdk::RequestHandlerApi checked_api(const HandlerTable& table, const PluginRequestHandler& h) {
  sdk::RequestHandlerApi api = h.handler->api();
  if (api.api_key < 0 || api.min_version < 0 || api.max_version < api.min_version) {
    throw std::runtime_error(describe(h, api.api_key) + " with versions " +
                             std::to_string(api.min_version) + "-" +
                             std::to_string(api.max_version) + ": not a valid API");
  }
  if (const HandlerTable::Entry* served = table.find(api.api_key)) {
    throw std::runtime_error(describe(h, api.api_key) + kafka_name(api.api_key) +
                             ", which " +
                             (served->plugin.empty() ? std::string("the kernel")
                                                     : "plugin '" + served->plugin + "'") +
                             " already serves");
  }
  // Kafka's APIs have their header versions fixed; the kernel parses those headers.
  if (const protocol::ApiInfo* kafka = protocol::find_api(api.api_key)) {
    const int16_t kafka_flexible = kafka->first_flexible_version > kafka->max_version
                                       ? int16_t{-1}
                                       : kafka->first_flexible_version;
    if (api.first_flexible_version != kafka_flexible) {
      throw std::runtime_error(describe(h, api.api_key) + " (" + kafka->name +
                               ") with first flexible version " +
                               std::to_string(api.first_flexible_version) + ", but Kafka's is " +
                               std::to_string(kafka_flexible));
    }
    if (api.name.empty()) api.name = kafka->name;
  }
  if (api.name.empty()) api.name = "Api" + std::to_string(api.api_key);
  return api;
}

void reply(ReplyTarget& target, sdk::HandlerResponse response) {
  if (!response.close_reason.empty()) {
    target.deliver(net::Reply::close(std::move(response.close_reason)));
    return;
  }
  auto frame = frame_response(target, [&](protocol::Writer& w) { w.write_raw(response.body); });
  target.deliver(net::Reply::respond(std::move(frame)));
}

}  // namespace

void register_plugin_handlers(HandlerTable& table,
                              const std::vector<PluginRequestHandler>& handlers) {
  for (const auto& h : handlers) {
    const sdk::RequestHandlerApi api = checked_api(table, h);
    auto invoke = [handler = h.handler](RequestContext& ctx, protocol::Reader& body,
                                        std::shared_ptr<ReplyTarget> target) {
      sdk::HandlerRequest request{ctx.api_version, ctx.correlation_id, ctx.client_id,
                                  ctx.connection->identity};
      std::span<const uint8_t> bytes(body.current(), body.remaining());
      // The frame's buffer lives until the reply, as the SDK promises.
      handler->handle(request, bytes,
                      [target, frame = body.owner()](sdk::HandlerResponse response) {
                        reply(*target, std::move(response));
                      });
    };
    table.add_entry({.api_key = api.api_key,
                     .min_version = api.min_version,
                     .max_version = api.max_version,
                     .advertised_min_version = api.min_version,
                     .invoke = std::move(invoke),
                     .name = api.name,
                     .plugin = h.plugin,
                     .first_flexible_version = api.first_flexible_version});
  }
}

}  // namespace skiff::kernel::server

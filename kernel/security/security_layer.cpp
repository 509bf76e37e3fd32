#include "kernel/security/security_layer.h"

#include "kernel/protocol/frame.h"
#include "kernel/security/default_principal_builder.h"
#include "kernel/security/tls_context_factory.h"
#include "skiff/sdk/listener_config.h"

namespace skiff::kernel::security {

namespace {

bool uses_sasl(const std::string& protocol) {
  return protocol == "SASL_PLAINTEXT" || protocol == "SASL_SSL";
}

std::shared_ptr<sdk::PrincipalBuilder> choose_builder(const sdk::ConfigView& config,
                                                      const ExtensionRegistryImpl& registry) {
  auto selected = registry.find<sdk::PrincipalBuilder>();
  if (selected) return selected;
  return std::make_shared<DefaultPrincipalBuilder>(config);
}

}  // namespace

SecurityLayer::SecurityLayer(const sdk::ConfigView& config, const ExtensionRegistryImpl& registry,
                             net::RequestProcessor& inner, boost::asio::any_io_executor timers,
                             sdk::Logger& logger)
    : config_(config),
      builder_(choose_builder(config, registry)),
      sasl_(config, registry, builder_, std::move(timers), logger),
      inner_(inner),
      logger_(logger) {}

std::vector<std::string> SecurityLayer::configure_listeners(
    net::SocketServer& server, const std::vector<net::ListenerSpec>& listeners) {
  std::vector<std::string> problems;
  for (const auto& spec : listeners) {
    if (uses_sasl(spec.security_protocol)) {
      for (auto& p : sasl_.check_listener(spec.name)) problems.push_back(std::move(p));
    }
    if (spec.security_protocol != "SSL" && spec.security_protocol != "SASL_SSL") continue;
    try {
      server.set_tls_context(spec.name,
                             build_tls_server_context(sdk::ListenerConfigView(config_, spec.name)));
    } catch (const std::exception& e) {
      problems.push_back("listener " + spec.name + ": " + e.what());
    }
  }
  return problems;
}

void SecurityLayer::on_connected(const std::shared_ptr<net::ConnectionInfo>& connection) {
  sdk::AuthenticationContext context;
  context.security_protocol = connection->identity.security_protocol;
  context.listener = connection->identity.listener;
  context.client_host = connection->identity.client_host;
  context.tls_peer_subject = connection->tls_peer_subject;
  connection->identity.principal = builder_->build(context);
  if (connection->tls_peer_subject) {
    logger_.debug("connection " + std::to_string(connection->id) + " from " +
                  context.client_host + ": certificate '" + *connection->tls_peer_subject +
                  "' is " + connection->identity.principal.to_string());
  }
  if (uses_sasl(context.security_protocol)) sasl_.attach(*connection);
}

void SecurityLayer::process(const std::shared_ptr<net::ConnectionInfo>& connection,
                            net::InboundFrame frame, net::ReplyCallback done) {
  auto* state = SaslConnectionState::of(*connection);
  if (state) {
    if (state->raw_tokens && state->stage == SaslConnectionState::Stage::kAuthenticate) {
      process_raw_token(connection, *frame.buffer, std::move(done));
      return;
    }
    const auto& bytes = *frame.buffer;
    const int16_t api_key = protocol::peek_api_key(bytes.data(), bytes.size());
    std::string why;
    if (!state->allows(api_key, why)) {
      done(net::Reply::close(why));
      return;
    }
  }
  inner_.process(connection, std::move(frame), std::move(done));
}

bool SecurityLayer::runs_on_network_thread(const net::ConnectionInfo& connection,
                                           const net::InboundFrame& frame) const {
  const auto* state = SaslConnectionState::of(connection);
  if (state && state->stage != SaslConnectionState::Stage::kAuthenticated) return false;
  return inner_.runs_on_network_thread(connection, frame);
}

// After SaslHandshake v0 (kafka-python, old clients) tokens travel as size-prefixed
// bytes with no Kafka header, in both directions; a failure closes the connection.
void SecurityLayer::process_raw_token(const std::shared_ptr<net::ConnectionInfo>& connection,
                                      std::span<const uint8_t> token, net::ReplyCallback done) {
  auto outcome = sasl_.authenticate(
      *connection, std::string_view(reinterpret_cast<const char*>(token.data()), token.size()));
  if (outcome.error != sdk::ErrorCode::kNone) {
    sasl_.after(outcome.delay, [done = std::move(done)] {
      done(net::Reply::close("SASL authentication failed"));
    });
    return;
  }
  std::vector<uint8_t> reply(4 + outcome.server_bytes.size());
  uint32_t size = static_cast<uint32_t>(outcome.server_bytes.size());
  reply[0] = static_cast<uint8_t>(size >> 24);
  reply[1] = static_cast<uint8_t>(size >> 16);
  reply[2] = static_cast<uint8_t>(size >> 8);
  reply[3] = static_cast<uint8_t>(size);
  std::copy(outcome.server_bytes.begin(), outcome.server_bytes.end(), reply.begin() + 4);
  done(net::Reply::respond(net::OutboundFrame(std::move(reply), {})));
}

void SecurityLayer::on_disconnect(const std::shared_ptr<net::ConnectionInfo>& connection) {
  inner_.on_disconnect(connection);
}

}  // namespace skiff::kernel::security

// The kernel's security layer between the network and request dispatch: it builds
// each listener's TLS context (again on reload), gives every connection its
// principal once the transport is up (through the selected sdk::PrincipalBuilder,
// else the kernel's default), and on SASL listeners lets only ApiVersions,
// SaslHandshake and SaslAuthenticate through until the client has authenticated
// (others close the connection, as in Kafka), carries SaslHandshake v0's raw
// tokens, and closes sessions that outlived their lifetime.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "kernel/net/listener_spec.h"
#include "kernel/net/request_processor.h"
#include "kernel/net/socket_server.h"
#include "kernel/plugin/extension_registry.h"
#include "kernel/security/sasl_authenticator.h"
#include "skiff/sdk/config.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/principal_builder.h"

namespace skiff::kernel::security {

class SecurityLayer final : public net::RequestProcessor {
 public:
  // The principal builder is the one `registry` has selected (principal.builder.class),
  // else the kernel's default. Everything passed must outlive the layer.
  SecurityLayer(const sdk::ConfigView& config, const ExtensionRegistryImpl& registry,
                net::RequestProcessor& inner, boost::asio::any_io_executor timers,
                sdk::Logger& logger);

  // Builds and installs the TLS context of every SSL/SASL_SSL listener and checks
  // the SASL setup of SASL listeners. Returns one message per problem; a listener
  // whose TLS configuration is unusable keeps its old context.
  std::vector<std::string> configure_listeners(net::SocketServer& server,
                                               const std::vector<net::ListenerSpec>& listeners);

  void process(const std::shared_ptr<net::ConnectionInfo>& connection, net::InboundFrame frame,
               net::ReplyCallback done) override;
  // Never before authentication: SCRAM's key derivation and Cyrus SASL take time.
  bool runs_on_network_thread(const net::ConnectionInfo& connection,
                              const net::InboundFrame& frame) const override;
  void on_disconnect(const std::shared_ptr<net::ConnectionInfo>& connection) override;
  void on_connected(const std::shared_ptr<net::ConnectionInfo>& connection) override;

 private:
  void process_raw_token(const std::shared_ptr<net::ConnectionInfo>& connection,
                         std::span<const uint8_t> token, net::ReplyCallback done);

  const sdk::ConfigView& config_;
  std::shared_ptr<sdk::PrincipalBuilder> builder_;
  SaslAuthenticator sasl_;
  net::RequestProcessor& inner_;
  sdk::Logger& logger_;
};

}  // namespace skiff::kernel::security

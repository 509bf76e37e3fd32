// The principal builder extension point: turns what a connection proved about itself
// (its TLS client certificate, its SASL identity) into the sdk::Principal that
// authorizers and logs see — Kafka's KafkaPrincipalBuilder. The kernel's default
// maps certificate subjects with ssl.principal.mapping.rules and SASL identities
// to User:<name>; a plugin registers another and `principal.builder.class` selects it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "skiff/sdk/security.h"

namespace skiff::sdk {

struct AuthenticationContext {
  std::string security_protocol;  // PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
  std::string listener;
  std::string client_host;
  // The verified client certificate's subject, RFC 2253 ("CN=alice,O=acme"), on TLS
  // listeners when the client presented one.
  std::optional<std::string> tls_peer_subject;
  // The SASL mechanism and the identity it authenticated, after SASL succeeded.
  std::optional<std::string> sasl_mechanism;
  std::optional<std::string> sasl_authorization_id;
};

class PrincipalBuilder {
 public:
  static constexpr std::string_view kExtensionPoint = "principal.builder";
  virtual ~PrincipalBuilder() = default;
  // Called once the transport is up and again after each SASL authentication.
  // Throwing refuses the connection (it is closed and the reason logged).
  virtual Principal build(const AuthenticationContext& context) = 0;
};

}  // namespace skiff::sdk

// The kernel's transport-security and authentication config keys, with Kafka's
// names: TLS keystores and truststores, client authentication, protocols and
// ciphers, certificate-subject mapping, the principal builder, SASL mechanisms
// per listener, re-authentication and the delay after a failed authentication.
// Every ssl.* and sasl.* key may also be set per listener as
// listener.name.<listener>.<key> (see sdk/listener_config.h).
#pragma once

#include <string_view>

#include "kernel/config/config_schema_registry.h"

namespace skiff::kernel {

namespace security_keys {
inline constexpr std::string_view kKeystoreType = "ssl.keystore.type";
inline constexpr std::string_view kKeystoreLocation = "ssl.keystore.location";
inline constexpr std::string_view kKeystorePassword = "ssl.keystore.password";
inline constexpr std::string_view kKeyPassword = "ssl.key.password";
inline constexpr std::string_view kTruststoreType = "ssl.truststore.type";
inline constexpr std::string_view kTruststoreLocation = "ssl.truststore.location";
inline constexpr std::string_view kTruststorePassword = "ssl.truststore.password";
inline constexpr std::string_view kClientAuth = "ssl.client.auth";
inline constexpr std::string_view kEnabledProtocols = "ssl.enabled.protocols";
inline constexpr std::string_view kCipherSuites = "ssl.cipher.suites";
inline constexpr std::string_view kPrincipalMappingRules = "ssl.principal.mapping.rules";
inline constexpr std::string_view kPrincipalBuilderClass = "principal.builder.class";
inline constexpr std::string_view kSaslEnabledMechanisms = "sasl.enabled.mechanisms";
inline constexpr std::string_view kConnectionsMaxReauthMs = "connections.max.reauth.ms";
inline constexpr std::string_view kFailedAuthenticationDelayMs =
    "connection.failed.authentication.delay.ms";
}  // namespace security_keys

// Declares the keys above (owned by "kernel") and allows their per-listener overrides.
void declare_security_config(ConfigSchemaRegistry& schema);

}  // namespace skiff::kernel

#include "kernel/security/security_config_keys.h"

#include "skiff/sdk/config_key_builder.h"
#include "kernel/security/principal_mapping_rules.h"

namespace skiff::kernel {

namespace {

using sdk::ConfigType;
using K = sdk::ConfigKeyBuilder;

std::string key(std::string_view name) { return std::string(name); }

void declare_tls(ConfigSchemaRegistry& s) {
  using namespace security_keys;
  // Dynamic: SIGHUP re-reads them and new connections use the new certificates;
  // established connections keep theirs.
  s.define(K(key(kKeystoreType), ConfigType::kString, "PKCS12",
             "Format of ssl.keystore.location: PKCS12, or PEM (certificate chain and "
             "private key in one file).")
               .one_of({"PKCS12", "PEM"})
               .dynamic());
  s.define(K(key(kKeystoreLocation), ConfigType::kString, "",
             "The broker's certificate and private key, required on SSL and SASL_SSL "
             "listeners.")
               .dynamic());
  s.define(K(key(kKeystorePassword), ConfigType::kPassword, "",
             "Password of a PKCS12 keystore.")
               .dynamic());
  s.define(K(key(kKeyPassword), ConfigType::kPassword, "",
             "Password of an encrypted private key (PEM); default: ssl.keystore.password.")
               .dynamic());
  s.define(K(key(kTruststoreType), ConfigType::kString, "PKCS12",
             "Format of ssl.truststore.location: PKCS12 or PEM (CA certificates).")
               .one_of({"PKCS12", "PEM"})
               .dynamic());
  s.define(K(key(kTruststoreLocation), ConfigType::kString, "",
             "CA certificates client certificates are verified against.")
               .dynamic());
  s.define(K(key(kTruststorePassword), ConfigType::kPassword, "",
             "Password of a PKCS12 truststore.")
               .dynamic());
  s.define(K(key(kClientAuth), ConfigType::kString, "none",
             "Client certificates: none (not asked), requested (verified if sent) or "
             "required (connections without a trusted one are refused).")
               .one_of({"none", "requested", "required"})
               .dynamic());
  s.define(K(key(kEnabledProtocols), ConfigType::kList, "TLSv1.2,TLSv1.3",
             "TLS versions accepted.")
               .one_of({"TLSv1.2", "TLSv1.3"})
               .dynamic());
  s.define(K(key(kCipherSuites), ConfigType::kList, "",
             "Cipher suites (IANA or OpenSSL names; TLS 1.3 suites such as "
             "TLS_AES_128_GCM_SHA256 included); empty: OpenSSL's defaults.")
               .dynamic());
  s.define(K(key(kPrincipalMappingRules), ConfigType::kString, "DEFAULT",
             "Rules mapping a client certificate's subject (RFC 2253) to a user name, in "
             "Kafka's syntax: RULE:pattern/replacement/[LU], ..., DEFAULT.")
               .dynamic());
  s.add_check(kPrincipalMappingRules, [](std::string_view value) {
    try {
      security::PrincipalMappingRules::parse(value);
      return std::string();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
  });
  // Kafka configs often carry these; they concern the TLS client side (the broker
  // makes no outbound TLS connections), so they are accepted and have no effect.
  s.define(K("ssl.endpoint.identification.algorithm", ConfigType::kString, "https",
             "Accepted for compatibility: clients check the broker's host name against its "
             "certificate; the broker itself opens no TLS connections."));
  s.define(K("ssl.protocol", ConfigType::kString, "TLSv1.3",
             "Accepted for compatibility; the versions offered are ssl.enabled.protocols."));
  s.define(K(key(kPrincipalBuilderClass), ConfigType::kString, "",
             "A principal builder extension, by the name its plugin registered; empty: "
             "the kernel's (certificate subject mapped by ssl.principal.mapping.rules, "
             "SASL identity as User:<name>)."));
}

void declare_sasl(ConfigSchemaRegistry& s) {
  using namespace security_keys;
  s.define(K(key(kSaslEnabledMechanisms), ConfigType::kList, "",
             "SASL mechanisms offered on SASL listeners (e.g. SCRAM-SHA-512,PLAIN); empty: "
             "every mechanism a loaded plugin provides."));
  s.define(K(key(kConnectionsMaxReauthMs), ConfigType::kLong, "0",
             "Longest SASL session before the client must re-authenticate (KIP-368); "
             "0: sessions last as long as their credential allows.")
               .at_least(0));
  s.define(K(key(kFailedAuthenticationDelayMs), ConfigType::kInt, "100",
             "Delay before answering a failed authentication; doubled for each further "
             "failure from the same address within a minute, up to 30 s.")
               .at_least(0));
}

}  // namespace

void declare_security_config(ConfigSchemaRegistry& schema) {
  declare_tls(schema);
  declare_sasl(schema);
  schema.allow_listener_override("ssl.");
  schema.allow_listener_override("sasl.");
  schema.allow_listener_override(std::string(security_keys::kConnectionsMaxReauthMs));
}

}  // namespace skiff::kernel

// Test plugin: an sdk::PrincipalBuilder registered as "test-principal-builder", to
// check that principal.builder.class selects a plugin's builder. Certificate
// subjects become User:cert-<CN>, SASL identities User:sasl-<id>; a certificate whose
// CN is "refused" makes it throw, which must close the connection.
#include <stdexcept>
#include <string>

#include "skiff/sdk/plugin.h"
#include "skiff/sdk/principal_builder.h"

namespace {

class TestPrincipalBuilder final : public skiff::sdk::PrincipalBuilder {
 public:
  skiff::sdk::Principal build(const skiff::sdk::AuthenticationContext& context) override {
    skiff::sdk::Principal p;
    if (context.sasl_authorization_id) {
      p.name = "sasl-" + *context.sasl_authorization_id;
    } else if (context.tls_peer_subject) {
      const std::string& subject = *context.tls_peer_subject;
      auto cn = subject.find("CN=");
      std::string name = cn == std::string::npos ? subject : subject.substr(cn + 3);
      name = name.substr(0, name.find(','));
      if (name == "refused") throw std::runtime_error("test builder refuses CN=refused");
      p.name = "cert-" + name;
    }
    return p;
  }
};

class TestPrincipalBuilderPlugin final : public skiff::sdk::Plugin {
 public:
  void configure(skiff::sdk::Host& host) override {
    host.extensions().add<skiff::sdk::PrincipalBuilder>("test-principal-builder",
                                                        std::make_shared<TestPrincipalBuilder>());
  }
};

}  // namespace

SKIFF_PLUGIN(TestPrincipalBuilderPlugin, "test-principal-builder",
             "A principal builder for the integration tests")

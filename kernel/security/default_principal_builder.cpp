#include "kernel/security/default_principal_builder.h"

#include <stdexcept>

#include "kernel/security/security_config_keys.h"
#include "skiff/sdk/listener_config.h"

namespace skiff::kernel::security {

std::shared_ptr<const PrincipalMappingRules> DefaultPrincipalBuilder::rules_for(
    const std::string& listener) {
  std::string text = sdk::ListenerConfigView(config_, listener)
                         .get_string(security_keys::kPrincipalMappingRules, "DEFAULT");
  std::lock_guard lock(mutex_);
  CachedRules& cached = rules_[listener];
  if (!cached.rules || cached.text != text) {
    cached.rules = std::make_shared<const PrincipalMappingRules>(PrincipalMappingRules::parse(text));
    cached.text = std::move(text);
  }
  return cached.rules;
}

sdk::Principal DefaultPrincipalBuilder::build(const sdk::AuthenticationContext& context) {
  sdk::Principal principal;  // User:ANONYMOUS
  if (context.sasl_authorization_id) {
    principal.name = *context.sasl_authorization_id;
  } else if (context.tls_peer_subject) {
    auto name = rules_for(context.listener)->apply(*context.tls_peer_subject);
    if (!name) {
      throw std::runtime_error("no ssl.principal.mapping.rules rule applies to certificate subject '" +
                               *context.tls_peer_subject + "'");
    }
    principal.name = *name;
  }
  return principal;
}

}  // namespace skiff::kernel::security

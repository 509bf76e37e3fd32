// The kernel's principal builder (Kafka's DefaultKafkaPrincipalBuilder): a SASL
// identity becomes User:<id>; a verified client certificate's subject becomes
// User:<name> through the listener's ssl.principal.mapping.rules; anything else is
// User:ANONYMOUS.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "kernel/security/principal_mapping_rules.h"
#include "skiff/sdk/config.h"
#include "skiff/sdk/principal_builder.h"

namespace skiff::kernel::security {

class DefaultPrincipalBuilder final : public sdk::PrincipalBuilder {
 public:
  // `config` must outlive the builder; rules are re-read when their text changes.
  explicit DefaultPrincipalBuilder(const sdk::ConfigView& config) : config_(config) {}

  // Throws std::runtime_error when no mapping rule applies to the subject.
  sdk::Principal build(const sdk::AuthenticationContext& context) override;

 private:
  struct CachedRules {
    std::string text;
    std::shared_ptr<const PrincipalMappingRules> rules;
  };
  std::shared_ptr<const PrincipalMappingRules> rules_for(const std::string& listener);

  const sdk::ConfigView& config_;
  std::mutex mutex_;
  std::map<std::string, CachedRules> rules_;  // by listener
};

}  // namespace skiff::kernel::security

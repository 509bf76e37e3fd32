#include "authorizer_config.h"

#include "skiff/sdk/config_key_builder.h"

namespace skiff::acl {

namespace {

struct KeySpec {
  std::string_view name;
  sdk::ConfigType type;
  const char* default_value;
  const char* doc;
};

constexpr KeySpec kKeys[] = {
    {kSuperUsers, sdk::ConfigType::kString, "",
     "Principals allowed every operation whatever the ACLs say, separated by ';' "
     "(User:admin;User:broker). Read by the acl authorizer."},
    {kAllowEveryoneIfNoAcl, sdk::ConfigType::kBoolean, "false",
     "With the acl authorizer: allow an operation on a resource that no ACL (of any "
     "principal) names. false denies it."},
    {kAuditLogPath, sdk::ConfigType::kString, "",
     "File the acl authorizer appends its audit log to (JSON lines: denied operations and "
     "ACL changes); empty: none. Reopened on SIGHUP."},
    {kAuditLogAllowed, sdk::ConfigType::kBoolean, "false",
     "Also audit allowed operations (those a request marks as worth logging), not only "
     "denials."},
};

}  // namespace

void declare_authorizer_config(sdk::ConfigSchema& schema) {
  for (const auto& spec : kKeys) {
    schema.define(
        sdk::ConfigKeyBuilder(std::string(spec.name), spec.type, spec.default_value, spec.doc)
            .dynamic());
  }
}

std::unordered_set<std::string> parse_super_users(std::string_view text) {
  std::unordered_set<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    auto item = text.substr(start, end - start);
    auto b = item.find_first_not_of(" \t");
    auto e = item.find_last_not_of(" \t");
    if (b != std::string_view::npos) out.emplace(item.substr(b, e - b + 1));
    start = end + 1;
  }
  return out;
}

AuthorizerSettings read_authorizer_settings(const sdk::ConfigView& config) {
  AuthorizerSettings s;
  s.super_users = parse_super_users(config.get_string(kSuperUsers));
  s.allow_if_no_acl = config.get_bool(kAllowEveryoneIfNoAcl, false);
  s.audit_log_path = config.get_string(kAuditLogPath);
  s.audit_allowed = config.get_bool(kAuditLogAllowed, false);
  return s;
}

}  // namespace skiff::acl

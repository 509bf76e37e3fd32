#include "authorizer_config.h"

namespace skiff::acl {
namespace {

sdk::ConfigKey dynamic_key(std::string_view name, sdk::ConfigType type, std::string default_value,
                           std::string doc) {
  sdk::ConfigKey k;
  k.name = std::string(name);
  k.type = type;
  k.default_value = std::move(default_value);
  k.doc = std::move(doc);
  k.dynamic = true;
  return k;
}

}  // namespace

void declare_authorizer_config(sdk::ConfigSchema& schema) {
  using sdk::ConfigType;
  schema.define(dynamic_key(kSuperUsers, ConfigType::kString, "",
                            "Principals allowed every operation whatever the ACLs say, separated "
                            "by ';' (User:admin;User:broker). Read by the acl authorizer."));
  schema.define(dynamic_key(kAllowEveryoneIfNoAcl, ConfigType::kBoolean, "false",
                            "With the acl authorizer: allow an operation on a resource that no "
                            "ACL (of any principal) names. false denies it."));
  schema.define(dynamic_key(kAuditLogPath, ConfigType::kString, "",
                            "File the acl authorizer appends its audit log to (JSON lines: "
                            "denied operations and ACL changes); empty: none. Reopened on SIGHUP."));
  schema.define(dynamic_key(kAuditLogAllowed, ConfigType::kBoolean, "false",
                            "Also audit allowed operations (those a request marks as worth "
                            "logging), not only denials."));
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

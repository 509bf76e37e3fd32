// The acl-authorizer's config keys (Kafka's names where Kafka has them) and the
// settings read from them. All are dynamic: a SIGHUP applies them.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

#include "skiff/sdk/config.h"

namespace skiff::acl {

inline constexpr std::string_view kSuperUsers = "super.users";
inline constexpr std::string_view kAllowEveryoneIfNoAcl = "allow.everyone.if.no.acl.found";
inline constexpr std::string_view kAuditLogPath = "authorizer.audit.log.path";
inline constexpr std::string_view kAuditLogAllowed = "authorizer.audit.log.allowed";

struct AuthorizerSettings {
  std::unordered_set<std::string> super_users;  // "User:admin"
  bool allow_if_no_acl = false;
  std::string audit_log_path;  // empty: no audit log
  bool audit_allowed = false;  // false: only denials are audited
};

void declare_authorizer_config(sdk::ConfigSchema& schema);
AuthorizerSettings read_authorizer_settings(const sdk::ConfigView& config);
// Kafka's format: principals separated by ';', blanks around them ignored.
std::unordered_set<std::string> parse_super_users(std::string_view text);

}  // namespace skiff::acl

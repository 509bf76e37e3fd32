#include "acl_authorizer.h"

#include <exception>

#include "acl_matcher.h"
#include "skiff/sdk/acl_names.h"
#include "acl_validation.h"
#include "audit_record.h"

namespace skiff::acl {
namespace {

Requester requester_of(const sdk::ConnectionIdentity& who) {
  return {who.principal.to_string(), who.client_host};
}

sdk::AclResult server_error(const std::exception& e) {
  return {sdk::ErrorCode::kUnknownServerError, e.what()};
}

}  // namespace

std::string describe_binding(const sdk::AclBinding& acl) {
  return std::string(name_of(acl.pattern_type)) + " " + std::string(name_of(acl.resource_type)) +
         " '" + acl.resource_name + "' " + acl.principal + "@" + acl.host + " " +
         std::string(name_of(acl.operation)) + " " + std::string(name_of(acl.permission));
}

AclAuthorizer::AclAuthorizer() : policy_(std::make_shared<const Policy>()) {}

std::string AclAuthorizer::apply(const AuthorizerSettings& settings) {
  policy_.store(std::make_shared<const Policy>(
      Policy{settings.super_users, settings.allow_if_no_acl, settings.audit_allowed}));
  return audit_.open(settings.audit_log_path);
}

std::string AclAuthorizer::Verdict::reason() const {
  if (!acl) return std::string(why);
  return (allowed ? "allowed by " : "denied by ") + describe_binding(*acl);
}

AclAuthorizer::Verdict AclAuthorizer::decide(const Policy& policy, const Requester& requester,
                                             const sdk::Action& action) const {
  if (policy.super_users.count(requester.principal)) return {true, "super user", {}};
  // The deciding ACL is copied out only for an audit record that may name it.
  const bool with_acl = audit_.enabled() && (action.log_if_denied ||
                                             (policy.audit_allowed && action.log_if_allowed));
  auto d = store_.read(
      [&](const AclIndex& index) { return index.decide(requester, action, with_acl); });
  switch (d.kind) {
    case Decision::Kind::kAllowed:
      return {true, {}, std::move(d.acl)};
    case Decision::Kind::kDenied:
      return {false, "no matching ALLOW acl", std::move(d.acl)};
    case Decision::Kind::kNoAclOnResource:
      break;
  }
  if (policy.allow_if_no_acl) {
    return {true, "no acl on the resource, allow.everyone.if.no.acl.found", {}};
  }
  return {false, "no acl on the resource", {}};
}

std::vector<bool> AclAuthorizer::authorize(const sdk::ConnectionIdentity& who,
                                           const std::vector<sdk::Action>& actions) {
  auto policy = policy_.load();
  auto requester = requester_of(who);  // once: a Metadata request may check many topics
  std::vector<bool> out;
  out.reserve(actions.size());
  for (const auto& action : actions) {
    auto verdict = decide(*policy, requester, action);
    audit_decision(*policy, who, action, verdict);
    out.push_back(verdict.allowed);
  }
  return out;
}

bool AclAuthorizer::authorize_any(const sdk::ConnectionIdentity& who, sdk::AclOperation operation,
                                  sdk::ResourceType type) {
  auto policy = policy_.load();
  sdk::Action action{operation, type, "", true, true};
  Verdict verdict;
  auto requester = requester_of(who);
  if (operation == sdk::AclOperation::kAny || operation == sdk::AclOperation::kUnknown ||
      type == sdk::ResourceType::kAny || type == sdk::ResourceType::kUnknown) {
    verdict = {false, "invalid operation or resource type for a check by resource type", {}};
  } else if (policy->super_users.count(requester.principal)) {
    verdict = {true, "super user", {}};
  } else {
    verdict = store_.read([&](const AclIndex& index) -> Verdict {
      if (!index.has_type(type)) {
        if (policy->allow_if_no_acl) {
          return {true, "no acl on the resource type, allow.everyone.if.no.acl.found", {}};
        }
        return {false, "no acl on the resource type", {}};
      }
      if (allowed_on_some_resource(index.of_type(type), requester, operation)) {
        return {true, "an ALLOW acl on some resource of the type", {}};
      }
      return {false, "no ALLOW acl on any resource of the type that no DENY acl overrides", {}};
    });
  }
  audit_decision(*policy, who, action, verdict);
  return verdict.allowed;
}

void AclAuthorizer::audit_decision(const Policy& policy, const sdk::ConnectionIdentity& who,
                                   const sdk::Action& action, const Verdict& verdict) {
  bool wanted = verdict.allowed ? policy.audit_allowed && action.log_if_allowed
                                : action.log_if_denied;
  if (!wanted || !audit_.enabled()) return;
  audit_.append(decision_record(Clock::now(), who, action, verdict.allowed, verdict.reason()));
}

void AclAuthorizer::audit_change(const sdk::ConnectionIdentity& who, std::string_view change,
                                 const sdk::AclBinding& acl, std::string_view error) {
  if (audit_.enabled()) audit_.append(acl_change_record(Clock::now(), who, change, acl, error));
}

std::vector<sdk::AclResult> AclAuthorizer::create_acls(const sdk::ConnectionIdentity& who,
                                                       const std::vector<sdk::AclBinding>& bindings) {
  std::vector<sdk::AclResult> results;
  results.reserve(bindings.size());
  for (const auto& binding : bindings) {
    auto result = validate_binding(binding);
    if (result.ok()) {
      try {
        store_.add(binding);  // an ACL that exists already is a success too
      } catch (const std::exception& e) {
        result = server_error(e);
      }
    }
    audit_change(who, "CREATE_ACL", binding, result.message);
    results.push_back(std::move(result));
  }
  return results;
}

std::vector<sdk::AclDeletion> AclAuthorizer::delete_acls(
    const sdk::ConnectionIdentity& who, const std::vector<sdk::AclBindingFilter>& filters) {
  std::vector<sdk::AclDeletion> out;
  out.reserve(filters.size());
  for (const auto& filter : filters) {
    sdk::AclDeletion deletion{validate_filter(filter), {}};
    if (deletion.result.ok()) {
      try {
        deletion.deleted = store_.remove(filter);
      } catch (const std::exception& e) {
        deletion.result = server_error(e);
      }
    }
    for (const auto& acl : deletion.deleted) audit_change(who, "DELETE_ACL", acl, "");
    out.push_back(std::move(deletion));
  }
  return out;
}

sdk::AclDescription AclAuthorizer::describe_acls(const sdk::AclBindingFilter& filter) {
  auto result = validate_filter(filter);
  if (!result.ok()) return {std::move(result), {}};
  return {{}, store_.describe(filter)};
}

}  // namespace skiff::acl

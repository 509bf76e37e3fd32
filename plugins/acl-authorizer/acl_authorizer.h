// Kafka's ACL authorizer behind sdk::Authorizer: super users first, then the ACLs
// (DENY wins, no ACL denies unless allow.everyone.if.no.acl.found), with decisions
// and ACL changes written to the audit log.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "acl_store.h"
#include "audit_log.h"
#include "authorizer_config.h"
#include "skiff/sdk/authorizer.h"

namespace skiff::acl {

class AclAuthorizer final : public sdk::Authorizer {
 public:
  AclAuthorizer();

  // Takes new settings and (re)opens the audit log; returns an error message,
  // empty on success (the settings apply even if the log cannot be opened).
  std::string apply(const AuthorizerSettings& settings);
  AclStore& store() { return store_; }

  std::vector<bool> authorize(const sdk::ConnectionIdentity& who,
                              const std::vector<sdk::Action>& actions) override;
  bool authorize_any(const sdk::ConnectionIdentity& who, sdk::AclOperation operation,
                     sdk::ResourceType type) override;

  bool manages_acls() const override { return true; }
  std::vector<sdk::AclResult> create_acls(const sdk::ConnectionIdentity& who,
                                          const std::vector<sdk::AclBinding>& bindings) override;
  std::vector<sdk::AclDeletion> delete_acls(
      const sdk::ConnectionIdentity& who, const std::vector<sdk::AclBindingFilter>& filters) override;
  sdk::AclDescription describe_acls(const sdk::AclBindingFilter& filter) override;

 private:
  struct Policy {
    std::unordered_set<std::string> super_users;
    bool allow_if_no_acl = false;
    bool audit_allowed = false;
  };
  // The reason is put into words only when audited, to keep allocations off the
  // hot path: the deciding ACL if there is one, else a fixed text.
  struct Verdict {
    bool allowed = false;
    std::string_view why;
    std::optional<sdk::AclBinding> acl;
    std::string reason() const;
  };

  Verdict decide(const Policy& policy, const Requester& requester,
                 const sdk::Action& action) const;
  void audit_decision(const Policy& policy, const sdk::ConnectionIdentity& who,
                      const sdk::Action& action, const Verdict& verdict);
  void audit_change(const sdk::ConnectionIdentity& who, std::string_view change,
                    const sdk::AclBinding& acl, std::string_view error);

  std::atomic<std::shared_ptr<const Policy>> policy_;
  AclStore store_;
  AuditLog audit_;
};

// "PREFIXED TOPIC 'orders-' User:alice@* READ ALLOW", for reasons and messages.
std::string describe_binding(const sdk::AclBinding& acl);

}  // namespace skiff::acl

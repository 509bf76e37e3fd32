#include "kernel/server/authorization.h"

#include <unordered_map>

#include "kernel/server/broker_services.h"
#include "kernel/server/config_resource.h"
#include "kernel/server/request_context.h"

namespace skiff::kernel::server {
namespace {

using sdk::AclOperation;
using sdk::ResourceType;

std::vector<bool> ask(const RequestContext& ctx, const std::vector<sdk::Action>& actions) {
  if (!ctx.broker.authorizer) return std::vector<bool>(actions.size(), true);
  auto decisions = ctx.broker.authorizer->authorize(ctx.connection->identity, actions);
  // An authorizer that answers fewer decisions than asked denies the rest.
  decisions.resize(actions.size(), false);
  return decisions;
}

sdk::Action action(AclOperation op, ResourceType type, std::string_view name, AuditDenials audit,
                   bool audit_allowed = true) {
  sdk::Action a;
  a.operation = op;
  a.resource_type = type;
  a.resource_name = std::string(name);
  a.log_if_denied = audit == AuditDenials::kYes;
  a.log_if_allowed = audit_allowed;
  return a;
}

}  // namespace

bool authorized(const RequestContext& ctx, AclOperation op, ResourceType type,
                std::string_view name, AuditDenials audit) {
  if (!ctx.broker.authorizer) return true;
  return ask(ctx, {action(op, type, name, audit)}).front();
}

bool authorized_on_cluster(const RequestContext& ctx, AclOperation op, AuditDenials audit) {
  return authorized(ctx, op, ResourceType::kCluster, sdk::kClusterResourceName, audit);
}

namespace detail {

bool has_authorizer(const RequestContext& ctx) { return ctx.broker.authorizer != nullptr; }

std::vector<bool> authorized_names(const RequestContext& ctx, AclOperation op, ResourceType type,
                                   const std::vector<std::string_view>& names, AuditDenials audit) {
  std::unordered_map<std::string_view, size_t> asked;  // name -> index in actions
  std::vector<sdk::Action> actions;
  std::vector<size_t> action_of(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    auto [it, inserted] = asked.emplace(names[i], actions.size());
    if (inserted) actions.push_back(action(op, type, names[i], audit));
    action_of[i] = it->second;
  }
  auto decisions = ask(ctx, actions);
  std::vector<bool> result(names.size());
  for (size_t i = 0; i < names.size(); ++i) result[i] = decisions[action_of[i]];
  return result;
}

}  // namespace detail

int32_t authorized_operations(const RequestContext& ctx, ResourceType type,
                              std::string_view name) {
  std::vector<sdk::Action> actions;
  for (auto op : sdk::supported_operations(type)) {
    actions.push_back(action(op, type, name, AuditDenials::kNo, /*audit_allowed=*/false));
  }
  auto decisions = ask(ctx, actions);
  int32_t bits = 0;
  for (size_t i = 0; i < actions.size(); ++i) {
    if (decisions[i]) bits |= 1 << static_cast<int>(actions[i].operation);
  }
  return bits;
}

sdk::ErrorCode config_resource_access(const RequestContext& ctx, AclOperation op,
                                      int8_t resource_type, const std::string& resource_name) {
  if (static_cast<ConfigResourceType>(resource_type) == ConfigResourceType::kTopic) {
    return authorized(ctx, op, ResourceType::kTopic, resource_name)
               ? sdk::ErrorCode::kNone
               : sdk::ErrorCode::kTopicAuthorizationFailed;
  }
  return authorized_on_cluster(ctx, op) ? sdk::ErrorCode::kNone
                                        : sdk::ErrorCode::kClusterAuthorizationFailed;
}

}  // namespace skiff::kernel::server

// The checks handlers make before touching a resource: thin, batched wrappers
// over the configured sdk::Authorizer (none configured: everything is allowed),
// with Kafka's audit hints (a check that only filters a listing logs no denial).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "skiff/sdk/authorizer.h"

namespace skiff::kernel::server {

struct RequestContext;

enum class AuditDenials : bool { kNo = false, kYes = true };

// Whether the client may perform `op` on one resource.
bool authorized(const RequestContext& ctx, sdk::AclOperation op, sdk::ResourceType type,
                std::string_view name, AuditDenials audit = AuditDenials::kYes);

// Whether the client may perform `op` on the cluster resource.
bool authorized_on_cluster(const RequestContext& ctx, sdk::AclOperation op,
                           AuditDenials audit = AuditDenials::kYes);

namespace detail {
bool has_authorizer(const RequestContext& ctx);
std::vector<bool> authorized_names(const RequestContext& ctx, sdk::AclOperation op,
                                   sdk::ResourceType type, const std::vector<std::string_view>& names,
                                   AuditDenials audit);
}  // namespace detail

// One decision per item of `items` (in order) for `op` on the resource of `type`
// that `name(item)` names (a std::string_view or a reference to a std::string held
// by the item), asked in a single call; repeated names are asked once. With no
// authorizer configured, no name is looked at.
template <std::ranges::forward_range Items, typename Name>
  requires std::is_convertible_v<std::invoke_result_t<Name&, std::ranges::range_reference_t<const Items>>,
                                 std::string_view>
std::vector<bool> authorized_each(const RequestContext& ctx, sdk::AclOperation op,
                                  sdk::ResourceType type, const Items& items, Name name,
                                  AuditDenials audit = AuditDenials::kYes) {
  using Result = std::invoke_result_t<Name&, std::ranges::range_reference_t<const Items>>;
  static_assert(std::is_lvalue_reference_v<Result> ||
                    std::is_same_v<std::remove_cvref_t<Result>, std::string_view>,
                "the name must outlive the call: project to a reference or a string_view");
  const auto count = static_cast<size_t>(std::ranges::distance(items));
  if (!detail::has_authorizer(ctx)) return std::vector<bool>(count, true);
  std::vector<std::string_view> names;
  names.reserve(count);
  for (const auto& item : items) names.emplace_back(std::invoke(name, item));
  return detail::authorized_names(ctx, op, type, names, audit);
}

// Kafka's "authorized operations" bit field (bit n set: operation n allowed) for
// the operations that apply to a resource type; no denial is audited.
int32_t authorized_operations(const RequestContext& ctx, sdk::ResourceType type,
                              std::string_view name);

// DescribeConfigs / AlterConfigs / IncrementalAlterConfigs: `op` (DESCRIBE_CONFIGS
// or ALTER_CONFIGS) on the topic, or on the cluster for broker and broker-logger
// resources. kNone when allowed, else the error Kafka answers with.
sdk::ErrorCode config_resource_access(const RequestContext& ctx, sdk::AclOperation op,
                                      int8_t resource_type, const std::string& resource_name);

// The value the authorized-operations fields hold when the client did not ask.
inline constexpr int32_t kAuthorizedOperationsOmitted = std::numeric_limits<int32_t>::min();

}  // namespace skiff::kernel::server

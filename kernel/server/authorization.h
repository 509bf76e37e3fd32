// The checks handlers make before touching a resource: thin, batched wrappers
// over the configured sdk::Authorizer (none configured: everything is allowed),
// with Kafka's audit hints (a check that only filters a listing logs no denial).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
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

// One decision per name (in order) for `op` on resources of `type`, asked in a
// single call; repeated names are asked once.
std::vector<bool> authorized_each(const RequestContext& ctx, sdk::AclOperation op,
                                  sdk::ResourceType type, const std::vector<std::string>& names,
                                  AuditDenials audit = AuditDenials::kYes);

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

// The audit log's lines: one JSON object per authorization decision or ACL change,
// with who asked (principal, host, listener, client id) and when (UTC, ms).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "skiff/sdk/authorizer.h"
#include "skiff/sdk/security.h"

namespace skiff::acl {

using Clock = std::chrono::system_clock;

std::string decision_record(Clock::time_point when, const sdk::ConnectionIdentity& who,
                            const sdk::Action& action, bool allowed, std::string_view reason);

// change: "CREATE_ACL" or "DELETE_ACL"; error empty when it succeeded.
std::string acl_change_record(Clock::time_point when, const sdk::ConnectionIdentity& who,
                              std::string_view change, const sdk::AclBinding& acl,
                              std::string_view error);

}  // namespace skiff::acl

// The values the group state machine takes and gives back: join and sync requests
// and their results, leaving members, and the clock readings every operation is
// given (the state machine never reads a clock itself, so tests drive time).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "skiff/sdk/error_code.h"

namespace skiff::kernel::groups {

using Bytes = std::vector<uint8_t>;

// Monotonic milliseconds for deadlines; wall-clock milliseconds for what is stored
// (commit and state-change timestamps).
struct Now {
  int64_t mono_ms = 0;
  int64_t wall_ms = 0;
};

// One entry of a JoinGroup's protocol list (e.g. "range" or "cooperative-sticky"
// with the consumer's subscription), in the member's order of preference.
struct Protocol {
  std::string name;
  Bytes metadata;
  bool operator==(const Protocol&) const = default;
};

struct JoinRequest {
  std::string member_id;  // empty: a new member
  std::optional<std::string> group_instance_id;
  std::string client_id;
  std::string client_host;
  int32_t rebalance_timeout_ms = 0;
  int32_t session_timeout_ms = 0;
  std::string protocol_type;
  std::vector<Protocol> protocols;
  bool require_known_member_id = false;   // JoinGroup v4+ (KIP-394)
  bool supports_skip_assignment = false;  // JoinGroup v9+
  std::string reason;
};

struct JoinedMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  Bytes metadata;
};

struct JoinResult {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  int32_t generation_id = -1;
  std::optional<std::string> protocol_type;
  std::optional<std::string> protocol_name;
  std::string leader;
  bool skip_assignment = false;
  std::string member_id;
  std::vector<JoinedMember> members;  // only for the leader

  static JoinResult failed(sdk::ErrorCode error, std::string member_id) {
    JoinResult r;
    r.error = error;
    r.member_id = std::move(member_id);
    return r;
  }
};

struct SyncRequest {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  int32_t generation_id = -1;
  std::optional<std::string> protocol_type;
  std::optional<std::string> protocol_name;
  std::vector<std::pair<std::string, Bytes>> assignments;  // leader only
};

struct SyncResult {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  std::optional<std::string> protocol_type;
  std::optional<std::string> protocol_name;
  Bytes assignment;
};

struct LeavingMember {
  std::string member_id;  // empty: removal by instance id (admin)
  std::optional<std::string> group_instance_id;
  std::optional<std::string> reason;
};

// Called exactly once per parked request, possibly much later and from a timer.
using JoinCallback = std::function<void(JoinResult)>;
using SyncCallback = std::function<void(SyncResult)>;

}  // namespace skiff::kernel::groups

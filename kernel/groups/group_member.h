// One member of a classic group: its identity, timeouts, supported protocols, the
// assignment the leader gave it, and the JoinGroup or SyncGroup request it has
// parked at the coordinator (if any).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/groups/group_types.h"

namespace skiff::kernel::groups {

struct Member {
  std::string id;
  std::optional<std::string> instance_id;  // static membership (KIP-345)
  std::string client_id;
  std::string client_host;
  int32_t rebalance_timeout_ms = 0;
  int32_t session_timeout_ms = 0;
  std::vector<Protocol> protocols;
  Bytes assignment;
  JoinCallback awaiting_join;
  SyncCallback awaiting_sync;
  // Joined but not yet through a completed join: may still time out while parked.
  bool is_new = false;

  bool is_awaiting_join() const { return static_cast<bool>(awaiting_join); }
  bool is_awaiting_sync() const { return static_cast<bool>(awaiting_sync); }
  bool is_static() const { return instance_id.has_value(); }

  // The metadata for `protocol`; null when the member does not support it.
  const Bytes* metadata_for(std::string_view protocol) const {
    for (const auto& p : protocols) {
      if (p.name == protocol) return &p.metadata;
    }
    return nullptr;
  }
  bool matches(const std::vector<Protocol>& other) const { return protocols == other; }
  // The member's most preferred protocol among `candidates`.
  template <class Set>
  const std::string* vote(const Set& candidates) const {
    for (const auto& p : protocols) {
      if (candidates.count(p.name) != 0) return &p.name;
    }
    return nullptr;
  }
};

}  // namespace skiff::kernel::groups

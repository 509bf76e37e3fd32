// When a committed offset expires (Kafka's KIP-211 rules), as a value the store
// applies inside its write transaction, so that a commit racing the expiry is
// never dropped:
//   - an offset committed with an explicit retention (OffsetCommit v2-4) expires
//     at that time;
//   - otherwise it expires offsets.retention.ms after its base time: when its group
//     became Empty for a group that had members, or its commit time for a group
//     that never had members or for a topic an active group no longer consumes.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "kernel/groups/stored_records.h"

namespace skiff::kernel::groups {

struct ExpiryRule {
  int64_t now_ms = 0;
  int64_t retention_ms = 0;
  std::optional<int64_t> base_ms;              // nullopt: each offset's commit time
  std::optional<std::set<std::string>> keep;   // topics never expired (still consumed)
};

bool offset_expired(const std::string& topic, const StoredOffset& offset, const ExpiryRule& rule);

}  // namespace skiff::kernel::groups

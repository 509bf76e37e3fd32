// Which group ids the coordinator accepts: membership needs a non-empty id, and
// every id must fit the store's keys (record_codec.h).
#pragma once

#include <string>

#include "kernel/groups/record_codec.h"

namespace skiff::kernel::groups {

inline bool valid_group_id(const std::string& id, bool allow_empty) {
  return (allow_empty || !id.empty()) && id.size() <= kMaxGroupIdBytes;
}

}  // namespace skiff::kernel::groups

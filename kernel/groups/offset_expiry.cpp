// The offset expiry rule.
#include "kernel/groups/offset_expiry.h"

namespace skiff::kernel::groups {

bool offset_expired(const std::string& topic, const StoredOffset& offset, const ExpiryRule& rule) {
  if (rule.keep && rule.keep->count(topic) != 0) return false;
  if (offset.expire_timestamp_ms >= 0) return rule.now_ms >= offset.expire_timestamp_ms;
  int64_t base = rule.base_ms.value_or(offset.commit_timestamp_ms);
  return rule.now_ms - base >= rule.retention_ms;
}

}  // namespace skiff::kernel::groups

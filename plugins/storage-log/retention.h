// Retention: which of a log's oldest segments may go, by Kafka's three rules:
//   - time:  the segment's largest timestamp is older than retention.ms (file
//            modification time when no batch carries a timestamp);
//   - size:  the log is larger than retention.bytes by at least the segment's size;
//   - start: the whole segment lies below the log start offset (DeleteRecords).
// Time and size apply only with cleanup.policy containing "delete". Only data
// below the high watermark is eligible. Each rule deletes a prefix; the plan is
// the longest. It may include the active segment, in which case the caller rolls
// a new, empty one first, so the active segment itself is never deleted.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "log_config.h"
#include "segment.h"

namespace skiff::storage {

struct RetentionPlan {
  std::size_t count = 0;  // leading segments to delete
  std::string reason;
};

RetentionPlan plan_retention(const std::vector<std::shared_ptr<Segment>>& segments,
                             int64_t log_end_offset, int64_t high_watermark,
                             int64_t log_start_offset, const LogConfig& config, int64_t now_ms);

}  // namespace skiff::storage

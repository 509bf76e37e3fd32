// OffsetStore: the durable state of the group coordinator, per coordinator
// partition: committed offsets keyed by (group, topic, partition) and each
// group's metadata. Writes are batches applied atomically and acknowledged only
// once durable, in the order they were submitted; reads see what is durable.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kernel/groups/offset_expiry.h"
#include "kernel/groups/record_codec.h"
#include "kernel/groups/stored_records.h"
#include "skiff/sdk/error_code.h"

namespace skiff::kernel::groups {

namespace store_ops {
struct PutOffset {
  OffsetKey key;
  StoredOffset value;
};
struct DeleteOffset {
  OffsetKey key;
};
struct PutGroup {
  int32_t coordinator_partition = 0;
  std::string group;
  StoredGroup value;
};
// The group's metadata and every offset it committed.
struct DeleteGroup {
  int32_t coordinator_partition = 0;
  std::string group;
};
// Deletes the group's offsets that `rule` says have expired.
struct ExpireOffsets {
  int32_t coordinator_partition = 0;
  std::string group;
  ExpiryRule rule;
};
}  // namespace store_ops

using StoreOp = std::variant<store_ops::PutOffset, store_ops::DeleteOffset, store_ops::PutGroup,
                             store_ops::DeleteGroup, store_ops::ExpireOffsets>;

struct StoreWriteResult {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  size_t expired = 0;  // offsets removed by ExpireOffsets ops
};
using StoreDone = std::function<void(const StoreWriteResult&)>;

class OffsetStore {
 public:
  virtual ~OffsetStore() = default;

  // Applies `ops` atomically; `done` runs once they are durable (or failed), on a
  // thread of the store, never inside this call.
  virtual void write(std::vector<StoreOp> ops, StoreDone done) = 0;
  // Waits until every write submitted so far, and every write their callbacks
  // submitted, has completed and had its callback run.
  virtual void flush() = 0;

  virtual std::optional<StoredOffset> get_offset(const OffsetKey& key) const = 0;
  // Every offset of `group`, in (topic, partition) order.
  virtual void for_each_offset(
      int32_t coordinator_partition, const std::string& group,
      const std::function<void(const std::string& topic, int32_t partition,
                               const StoredOffset& offset)>& visit) const = 0;
  virtual bool has_offsets(int32_t coordinator_partition, const std::string& group) const = 0;

  // What a coordinator partition holds, for loading it: each group's metadata, and
  // the id of each group that has offsets (a group may have both).
  struct PartitionContents {
    std::vector<std::pair<std::string, StoredGroup>> groups;
    std::vector<std::string> groups_with_offsets;
    size_t unreadable = 0;  // records skipped as undecodable
  };
  virtual PartitionContents load_partition(int32_t coordinator_partition) const = 0;
};

}  // namespace skiff::kernel::groups

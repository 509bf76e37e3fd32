// What a ClassicGroup needs from its owner: config, fresh member ids, durable
// storage of its metadata, and a logger. The coordinator implements it for real
// groups; tests implement it to watch and drive the state machine.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "kernel/groups/group_config.h"
#include "kernel/groups/group_types.h"
#include "kernel/groups/stored_records.h"
#include "skiff/sdk/error_code.h"
#include "skiff/sdk/log.h"

namespace skiff::kernel::groups {

class ClassicGroup;

// Runs once the group's metadata is durable (error kNone) or failed to be, with
// the group's lock held again and the time it completed.
using PersistDone = std::function<void(sdk::ErrorCode error, const Now& now)>;

class GroupHost {
 public:
  virtual ~GroupHost() = default;
  virtual const GroupConfig& config() const = 0;
  // "<prefix>-<uuid>", as Kafka names members (prefix: client id or instance id).
  virtual std::string new_member_id(std::string_view prefix) = 0;
  // Stores `snapshot` as `group`'s metadata. `done` must run later, never from
  // inside this call.
  virtual void persist(ClassicGroup& group, StoredGroup snapshot, PersistDone done) = 0;
  virtual sdk::Logger& logger() = 0;
};

}  // namespace skiff::kernel::groups

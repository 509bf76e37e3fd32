// Where `skiff consume` gets records from: chosen partitions read directly (no group),
// or a consumer group subscription.
#pragma once

#include "common/rdkafka_handles.h"

namespace skiff::cli {

class MessageSource {
 public:
  virtual ~MessageSource() = default;
  // The next record or error event; null if none arrived within `timeout_ms`.
  virtual MessagePtr next(int timeout_ms) = 0;
};

}  // namespace skiff::cli

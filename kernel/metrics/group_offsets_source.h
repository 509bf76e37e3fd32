// The read-only hook consumer-lag metrics use to see committed offsets: every
// offset every group coordinated here has committed, read from the GroupCoordinator
// at scrape time.
#pragma once

#include "kernel/metrics/broker_gauges.h"

namespace skiff::kernel::groups {
class GroupCoordinator;
}

namespace skiff::kernel::metrics {

// The coordinator must outlive the returned function's last call.
CommittedOffsets committed_offsets_of(groups::GroupCoordinator& coordinator);

}  // namespace skiff::kernel::metrics

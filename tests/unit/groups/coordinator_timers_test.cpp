// CoordinatorTimers: the one control-loop timer wakes the coordinator for group
// deadlines (here a session expiry) on real time, and stops cleanly.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "group_test_support.h"
#include "kernel/groups/coordinator_timers.h"
#include "kernel/groups/group_coordinator.h"
#include "kernel/groups/lmdb_offset_store.h"
#include "kernel/runtime/runtime.h"
#include "store_test_support.h"

using namespace skiff::test::groups;

TEST_CASE("a member's session expires on the control loop's timer") {
  skiff::test::TempDir dir;
  NullLogger log;
  GroupConfig config;
  config.min_session_timeout_ms = 100;
  config.initial_rebalance_delay_ms = 0;
  skiff::kernel::Runtime runtime(1, 1);
  runtime.start();
  LmdbOffsetStore store(dir.path(), config.num_partitions, log);
  GroupCoordinator coordinator(config, store, log);
  {
    CoordinatorTimers timers(coordinator, runtime.control(), runtime);
    coordinator.load();

    JoinRequest r = join_request("", {"range"}, 300, 300);
    Eventually<JoinResult> joined;
    coordinator.join_group("g", r, joined.callback());
    JoinResult j = joined.get();
    REQUIRE(j.error == ErrorCode::kNone);
    Eventually<SyncResult> synced;
    coordinator.sync_group("g", SyncRequest{j.member_id, std::nullopt, j.generation_id, {}, {}, {}},
                           synced.callback());
    REQUIRE(synced.get().error == ErrorCode::kNone);
    REQUIRE(coordinator.describe_group("g").members.size() == 1);

    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!coordinator.describe_group("g").members.empty() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(coordinator.describe_group("g").members.empty());
    CHECK(coordinator.describe_group("g").state == GroupState::kEmpty);
    timers.stop();
  }
  coordinator.shutdown();
  runtime.stop();
}

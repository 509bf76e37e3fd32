// skiff-group-bench: drives kernel/groups' GroupCoordinator in-process, the way the
// JoinGroup/SyncGroup/Heartbeat handlers do, with a hand-moved clock: G groups of M
// dynamic members join (KIP-394: MEMBER_ID_REQUIRED, then the join with the id),
// the initial rebalance delay runs out, the leader syncs with an assignment, the
// followers sync, then every member heartbeats N rounds. Prints wall and CPU time
// (getrusage) for joins+syncs, CPU per heartbeat, and VmRSS before/after.
//
// The store is by default an in-memory one that acknowledges writes from its own
// thread (so the memory measured is the coordinator's); --store lmdb uses the real
// LmdbOffsetStore in a temporary directory.
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "broker/process_usage.h"
#include "common/clock.h"
#include "kernel/groups/group_coordinator.h"
#include "kernel/groups/lmdb_offset_store.h"
#include "kernel/protocol/generated/consumer_protocol_subscription.h"
#include "kernel/protocol/wire/writer.h"

using namespace skiff::kernel::groups;
using skiff::sdk::ErrorCode;
using skiff::bench::Clock;
using skiff::bench::own_cpu_seconds;
using skiff::bench::resident_kib;
using skiff::bench::seconds_since;

namespace {

class NullLogger final : public skiff::sdk::Logger {
 public:
  bool enabled(skiff::sdk::LogLevel) const override { return false; }
  void write(skiff::sdk::LogLevel, std::string_view) override {}
};

// Acknowledges every write from a thread of its own, as OffsetStore requires;
// keeps nothing.
class MemoryStore final : public OffsetStore {
 public:
  MemoryStore() : thread_([this] { loop(); }) {}
  ~MemoryStore() override {
    {
      std::lock_guard l(mu_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  void write(std::vector<StoreOp>, StoreDone done) override {
    {
      std::lock_guard l(mu_);
      queue_.push_back(std::move(done));
    }
    wake_.notify_one();
  }
  void flush() override {
    std::unique_lock l(mu_);
    idle_.wait(l, [&] { return queue_.empty() && !busy_; });
  }
  std::optional<StoredOffset> get_offset(const OffsetKey&) const override { return std::nullopt; }
  void for_each_offset(int32_t, const std::string&,
                       const std::function<void(const std::string&, int32_t, const StoredOffset&)>&)
      const override {}
  bool has_offsets(int32_t, const std::string&) const override { return false; }
  PartitionContents load_partition(int32_t) const override { return {}; }

 private:
  void loop() {
    std::unique_lock l(mu_);
    for (;;) {
      wake_.wait(l, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty() && stop_) return;
      std::deque<StoreDone> batch;
      batch.swap(queue_);
      busy_ = true;
      l.unlock();
      for (auto& d : batch) d(StoreWriteResult{});
      l.lock();
      busy_ = false;
      if (queue_.empty()) idle_.notify_all();
    }
  }
  std::mutex mu_;
  std::condition_variable wake_, idle_;
  std::deque<StoreDone> queue_;
  bool busy_ = false, stop_ = false;
  std::thread thread_;
};

// VmRSS of this process in KiB (bench/broker/process_usage.h).
long rss_kib() { return static_cast<long>(resident_kib(::getpid())); }

Bytes subscription(const std::vector<std::string>& topics) {
  skiff::protocol::ConsumerProtocolSubscription s;
  s.topics = topics;
  skiff::protocol::Writer w;
  w.write_int16(0);
  s.encode(w, 0);
  return std::move(w).finish().memory_bytes();
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "skiff-group-bench: %s\n", what.c_str());
  std::exit(1);
}

void usage() {
  std::fprintf(stderr,
               "usage: skiff-group-bench [--groups N (10000)] [--members M (3)] [--rounds R (100)]\n"
               "                         [--scale F (1.0, multiplies groups)] [--store memory|lmdb]\n");
  std::exit(2);
}

struct BenchMember {
  std::string id;
  int32_t generation = -1;
  bool leader = false;  // the JoinGroup answer named this member the leader
};

}  // namespace

int main(int argc, char** argv) {
  int groups = 10000, members = 3, rounds = 100;
  double scale = 1.0;
  std::string store_kind = "memory";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    if (a == "--groups") groups = std::stoi(next());
    else if (a == "--members") members = std::stoi(next());
    else if (a == "--rounds") rounds = std::stoi(next());
    else if (a == "--scale") scale = std::stod(next());
    else if (a == "--store") store_kind = next();
    else usage();
  }
  groups = std::max(1, static_cast<int>(groups * scale));
  if (members < 1 || rounds < 0 || (store_kind != "memory" && store_kind != "lmdb")) usage();

  NullLogger log;
  GroupConfig config;  // defaults: initial rebalance delay 3 s, 50 coordinator partitions
  std::atomic<int64_t> mono{1'000'000};
  std::atomic<int64_t> wall{1'700'000'000'000};
  std::filesystem::path dir;
  std::unique_ptr<OffsetStore> store;
  if (store_kind == "lmdb") {
    std::string tmpl = (std::filesystem::temp_directory_path() / "skiff-group-bench-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) die("mkdtemp failed");
    dir = tmpl;
    store = std::make_unique<LmdbOffsetStore>(dir, config.num_partitions, log);
  } else {
    store = std::make_unique<MemoryStore>();
  }
  auto coordinator = std::make_unique<GroupCoordinator>(config, *store, log,
                                                        [&] { return Now{mono.load(), wall.load()}; });
  coordinator->set_wakeup([](int64_t) {});
  coordinator->load();

  // Request values built before the first RSS reading; group ids too.
  JoinRequest base;
  base.client_id = "consumer-bench-1";
  base.client_host = "/127.0.0.1";
  base.session_timeout_ms = 45000;
  base.rebalance_timeout_ms = 300000;
  base.protocol_type = "consumer";
  base.require_known_member_id = true;
  base.protocols.push_back(Protocol{"range", subscription({"orders"})});
  base.protocols.push_back(Protocol{"cooperative-sticky", subscription({"orders"})});
  std::vector<std::string> ids(groups);
  for (int g = 0; g < groups; ++g) ids[g] = "bench-group-" + std::to_string(g);
  std::vector<BenchMember> state(static_cast<size_t>(groups) * members);
  auto m = [&](int g, int i) -> BenchMember& { return state[static_cast<size_t>(g) * members + i]; };
  std::atomic<long> errors{0};

  const long rss_before = rss_kib();
  const Clock::time_point start = Clock::now();
  auto wall_s = [&] { return seconds_since(start); };
  const double w0 = wall_s(), c0 = own_cpu_seconds();

  // 1. Joins: MEMBER_ID_REQUIRED, then the join with the id (parked until the
  // initial rebalance delay runs out).
  std::atomic<long> joined{0};
  for (int g = 0; g < groups; ++g) {
    for (int i = 0; i < members; ++i) {
      JoinRequest r = base;
      std::string id;
      coordinator->join_group(ids[g], r, [&](JoinResult res) {
        if (res.error != ErrorCode::kMemberIdRequired) ++errors;
        id = std::move(res.member_id);
      });
      if (id.empty()) die("no member id from the first JoinGroup");
      m(g, i).id = id;
      r.member_id = id;
      coordinator->join_group(ids[g], std::move(r), [&, g, i](JoinResult res) {
        if (res.error != ErrorCode::kNone) ++errors;
        m(g, i).generation = res.generation_id;
        m(g, i).leader = res.leader == res.member_id;
        ++joined;
      });
    }
  }
  // The initial delay is extended once if members arrived during it (Kafka's
  // InitialDelayedJoin): move the clock past each delay until every join is answered.
  for (int tries = 0; tries < 10 && joined != static_cast<long>(groups) * members; ++tries) {
    mono += config.initial_rebalance_delay_ms + 1;
    wall += config.initial_rebalance_delay_ms + 1;
    coordinator->run_due_timers();
  }
  if (joined != static_cast<long>(groups) * members) die("joins did not complete: " + std::to_string(joined.load()));
  const double w_join = wall_s(), c_join = own_cpu_seconds();

  // 2. Syncs: the leader with the assignment, then the followers (answered once
  // the group's metadata write is acknowledged).
  std::atomic<long> synced{0};
  Bytes assignment_bytes(40, 'a');
  for (int g = 0; g < groups; ++g) {
    int li = 0;
    while (li < members && !m(g, li).leader) ++li;
    if (li == members) die("no leader in group " + ids[g]);
    SyncRequest lr;
    lr.member_id = m(g, li).id;
    lr.generation_id = m(g, li).generation;
    lr.protocol_type = "consumer";
    lr.protocol_name = "range";
    for (int i = 0; i < members; ++i) lr.assignments.push_back({m(g, i).id, assignment_bytes});
    auto done = [&](SyncResult res) {
      if (res.error != ErrorCode::kNone) ++errors;
      ++synced;
    };
    coordinator->sync_group(ids[g], std::move(lr), done);
    for (int i = 0; i < members; ++i) {
      if (i == li) continue;
      SyncRequest fr;
      fr.member_id = m(g, i).id;
      fr.generation_id = m(g, i).generation;
      fr.protocol_type = "consumer";
      fr.protocol_name = "range";
      coordinator->sync_group(ids[g], std::move(fr), done);
    }
  }
  store->flush();
  if (synced != static_cast<long>(groups) * members) die("syncs did not complete: " + std::to_string(synced.load()));
  const double w_sync = wall_s(), c_sync = own_cpu_seconds();
  const long rss_after = rss_kib();

  // 3. Heartbeats, 1 s apart on the coordinator's clock (session timeout 45 s).
  long heartbeats = 0;
  const double w_hb0 = wall_s(), c_hb0 = own_cpu_seconds();
  for (int r = 0; r < rounds; ++r) {
    mono += 1000;
    wall += 1000;
    for (int g = 0; g < groups; ++g) {
      for (int i = 0; i < members; ++i) {
        if (coordinator->heartbeat(ids[g], m(g, i).id, std::nullopt, m(g, i).generation) != ErrorCode::kNone) ++errors;
        ++heartbeats;
      }
    }
    coordinator->run_due_timers();
  }
  const double w_hb = wall_s() - w_hb0, c_hb = own_cpu_seconds() - c_hb0;
  const long rss_end = rss_kib();

  const long total_members = static_cast<long>(groups) * members;
  const double bytes = (rss_after - rss_before) * 1024.0;
  std::printf("skiff-group-bench: %d groups x %d members, %d heartbeat rounds, store %s\n", groups, members,
              rounds, store_kind.c_str());
  std::printf("%-34s %14s %14s\n", "phase", "wall", "cpu");
  std::printf("%-34s %12.3f s %12.3f s\n", "joins (2 per member)", w_join - w0, c_join - c0);
  std::printf("%-34s %12.3f s %12.3f s\n", "syncs (incl. metadata writes)", w_sync - w_join, c_sync - c_join);
  std::printf("%-34s %12.3f s %12.3f s\n", "joins + syncs", w_sync - w0, c_sync - c0);
  std::printf("%-34s %12.2f us %11.2f us\n", "per member (join x2 + sync)", (w_sync - w0) / total_members * 1e6,
              (c_sync - c0) / total_members * 1e6);
  std::printf("%-34s %12.3f s %12.3f s\n", "heartbeats total", w_hb, c_hb);
  std::printf("%-34s %12.3f us %11.3f us\n", "per heartbeat", heartbeats ? w_hb / heartbeats * 1e6 : 0.0,
              heartbeats ? c_hb / heartbeats * 1e6 : 0.0);
  std::printf("%-34s %14ld\n", "heartbeats", heartbeats);
  std::printf("%-34s %11.1f MiB\n", "VmRSS before groups", rss_before / 1024.0);
  std::printf("%-34s %11.1f MiB\n", "VmRSS after joins+syncs", rss_after / 1024.0);
  std::printf("%-34s %11.1f MiB\n", "VmRSS after heartbeats", rss_end / 1024.0);
  std::printf("%-34s %14.0f\n", "bytes per member", bytes / total_members);
  std::printf("%-34s %14.0f\n", "bytes per group", bytes / groups);
  std::printf("%-34s %14ld\n", "errors", errors.load());
  std::printf("%-34s %14zu\n", "groups in coordinator", coordinator->group_count());

  coordinator->shutdown();
  coordinator.reset();
  store.reset();
  if (!dir.empty()) std::filesystem::remove_all(dir);
  return errors == 0 ? 0 : 1;
}

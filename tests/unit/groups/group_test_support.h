// Test support for the group state machine: a GroupHost whose metadata writes
// wait until the test completes them, member ids "<prefix>-<n>", requests with
// sensible defaults, and recorders for parked JoinGroup/SyncGroup answers.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kernel/groups/classic_group.h"
#include "kernel/protocol/generated/consumer_protocol_subscription.h"
#include "kernel/protocol/wire/writer.h"

namespace skiff::test::groups {

using namespace skiff::kernel::groups;
using skiff::sdk::ErrorCode;

class NullLogger final : public sdk::Logger {
 public:
  bool enabled(sdk::LogLevel) const override { return false; }
  void write(sdk::LogLevel, std::string_view) override {}
};

class FakeHost final : public GroupHost {
 public:
  struct Write {
    StoredGroup snapshot;
    PersistDone done;
  };

  FakeHost() {
    config_.min_session_timeout_ms = 1000;
    config_.max_session_timeout_ms = 60000;
    config_.initial_rebalance_delay_ms = 0;
  }
  GroupConfig& mutable_config() { return config_; }
  const GroupConfig& config() const override { return config_; }
  std::string new_member_id(std::string_view prefix) override {
    return std::string(prefix) + "-" + std::to_string(++ids_);
  }
  void persist(ClassicGroup&, StoredGroup snapshot, PersistDone done) override {
    writes.push_back(Write{std::move(snapshot), std::move(done)});
  }
  sdk::Logger& logger() override { return logger_; }

  // Completes the oldest pending metadata write; returns what was written.
  StoredGroup complete_write(const Now& now, ErrorCode error = ErrorCode::kNone) {
    Write w = std::move(writes.front());
    writes.pop_front();
    w.done(error, now);
    return w.snapshot;
  }
  void complete_all_writes(const Now& now) {
    while (!writes.empty()) complete_write(now);
  }

  std::deque<Write> writes;

 private:
  GroupConfig config_;
  NullLogger logger_;
  int ids_ = 0;
};

inline Now at(int64_t ms) { return Now{ms, 1'000'000 + ms}; }

// Consumer protocol subscription bytes (version 0) for `topics`.
inline Bytes subscription(std::vector<std::string> topics) {
  protocol::ConsumerProtocolSubscription s;
  s.topics = std::move(topics);
  protocol::Writer w;
  w.write_int16(0);
  s.encode(w, 0);
  auto out = std::move(w).finish();
  return out.memory_bytes();
}

inline JoinRequest join_request(std::string member_id = "", std::vector<std::string> protocols = {"range"},
                                int32_t session_ms = 10000, int32_t rebalance_ms = 30000) {
  JoinRequest r;
  r.member_id = std::move(member_id);
  r.client_id = "client";
  r.client_host = "/127.0.0.1";
  r.session_timeout_ms = session_ms;
  r.rebalance_timeout_ms = rebalance_ms;
  r.protocol_type = "consumer";
  for (auto& p : protocols) r.protocols.push_back(Protocol{p, subscription({"t"})});
  return r;
}

// Records the answer of a parked request.
template <class Result>
struct Answer {
  std::shared_ptr<std::optional<Result>> value = std::make_shared<std::optional<Result>>();
  int calls() const { return *count; }
  std::shared_ptr<int> count = std::make_shared<int>(0);
  std::function<void(Result)> callback() {
    return [v = value, c = count](Result r) {
      *v = std::move(r);
      ++*c;
    };
  }
  bool ready() const { return value->has_value(); }
  const Result& operator*() const { return **value; }
  const Result* operator->() const { return &**value; }
};
using JoinAnswer = Answer<JoinResult>;
using SyncAnswer = Answer<SyncResult>;

inline JoinAnswer join(ClassicGroup& g, const JoinRequest& r, const Now& now) {
  JoinAnswer a;
  g.join(r, now, a.callback());
  return a;
}

inline SyncAnswer sync(ClassicGroup& g, const std::string& member, int32_t generation, const Now& now,
                       std::vector<std::pair<std::string, Bytes>> assignments = {},
                       std::optional<std::string> instance_id = std::nullopt) {
  SyncRequest r;
  r.member_id = member;
  r.group_instance_id = std::move(instance_id);
  r.generation_id = generation;
  r.assignments = std::move(assignments);
  SyncAnswer a;
  g.sync(r, now, a.callback());
  return a;
}

// A new dynamic member through KIP-394's two JoinGroups; returns its member id
// and the parked second join.
inline std::pair<std::string, JoinAnswer> join_new(ClassicGroup& g, const Now& now,
                                                    JoinRequest r = join_request()) {
  r.require_known_member_id = true;
  JoinAnswer first = join(g, r, now);
  std::string id = (*first).member_id;
  r.member_id = id;
  return {id, join(g, r, now)};
}

}  // namespace skiff::test::groups

// FetchSessions (KIP-227): session creation, incremental updates, epochs, closing,
// forgotten partitions, what incremental responses include, and LRU eviction.
#include <catch2/catch.hpp>

#include "kernel/server/fetch_sessions.h"

using namespace skiff::kernel::server;
using skiff::sdk::ErrorCode;

namespace {

FetchPartitionRequest part(const std::string& topic, int32_t partition, int64_t offset = 0) {
  FetchPartitionRequest p;
  p.key.topic = topic;
  p.key.partition = partition;
  p.params.fetch_offset = offset;
  p.params.max_bytes = 1 << 20;
  return p;
}

FetchPartitionOutcome outcome(int64_t hw, bool records = false,
                              ErrorCode error = ErrorCode::kNone) {
  FetchPartitionOutcome o;
  o.high_watermark = hw;
  o.last_stable_offset = hw;
  o.log_start_offset = 0;
  o.has_records = records;
  o.error = error;
  return o;
}

FetchSessionRequest full(int32_t epoch, std::vector<FetchPartitionRequest> partitions,
                         int32_t session_id = 0) {
  FetchSessionRequest r;
  r.session_id = session_id;
  r.session_epoch = epoch;
  r.partitions = std::move(partitions);
  return r;
}

FetchSessionRequest incremental(int32_t id, int32_t epoch,
                                std::vector<FetchPartitionRequest> partitions = {},
                                std::vector<FetchPartitionKey> forgotten = {}) {
  FetchSessionRequest r;
  r.session_id = id;
  r.session_epoch = epoch;
  r.partitions = std::move(partitions);
  r.forgotten = std::move(forgotten);
  return r;
}

// Creates a session over t-0 and t-1 (both with high watermark 5).
int32_t create_session(FetchSessions& sessions) {
  auto plan = sessions.begin(full(0, {part("t", 0), part("t", 1)}));
  REQUIRE(plan.error == ErrorCode::kNone);
  REQUIRE(plan.kind == FetchPlan::Kind::kNewSession);
  std::vector<FetchPartitionOutcome> outcomes{outcome(5), outcome(5)};
  std::vector<bool> include;
  int32_t id = sessions.complete(plan, outcomes, include);
  REQUIRE(id > 0);
  return id;
}

}  // namespace

TEST_CASE("a sessionless full fetch reads what it names and keeps nothing") {
  FetchSessions sessions(10, 42);
  auto plan = sessions.begin(full(-1, {part("t", 0), part("t", 1), part("t", 0, 7)}));
  CHECK(plan.error == ErrorCode::kNone);
  CHECK(plan.kind == FetchPlan::Kind::kSessionless);
  REQUIRE(plan.partitions.size() == 2);  // the repeated partition keeps its last offset
  CHECK(plan.partitions[0].params.fetch_offset == 7);
  std::vector<FetchPartitionOutcome> outcomes{outcome(1), outcome(1)};
  std::vector<bool> include;
  CHECK(sessions.complete(plan, outcomes, include) == 0);
  CHECK(include == std::vector<bool>{true, true});
  CHECK(sessions.size() == 0);
}

TEST_CASE("epoch 0 creates a session; incremental fetches use it") {
  FetchSessions sessions(10, 42);
  int32_t id = create_session(sessions);
  CHECK(sessions.size() == 1);

  // Nothing named: the whole session is read.
  auto plan = sessions.begin(incremental(id, 1));
  REQUIRE(plan.error == ErrorCode::kNone);
  CHECK(plan.kind == FetchPlan::Kind::kIncremental);
  REQUIRE(plan.partitions.size() == 2);
  CHECK(plan.partitions[0].key.partition == 0);
  CHECK(plan.partitions[1].key.partition == 1);

  // Only partitions with news are sent: t-1 got records.
  std::vector<FetchPartitionOutcome> outcomes{outcome(5), outcome(9, true)};
  std::vector<bool> include;
  CHECK(sessions.complete(plan, outcomes, include) == id);
  CHECK(include == std::vector<bool>{false, true});

  // Next epoch: t-1's new fetch offset is remembered; unchanged high watermark and no
  // records means nothing to send.
  plan = sessions.begin(incremental(id, 2, {part("t", 1, 9)}));
  REQUIRE(plan.error == ErrorCode::kNone);
  CHECK(plan.partitions[1].params.fetch_offset == 9);
  outcomes = {outcome(5), outcome(9)};
  sessions.complete(plan, outcomes, include);
  CHECK(include == std::vector<bool>{false, false});

  // A moved high watermark, a log start change or an error are news.
  plan = sessions.begin(incremental(id, 3));
  outcomes = {outcome(6), outcome(9, false, ErrorCode::kNotLeaderOrFollower)};
  sessions.complete(plan, outcomes, include);
  CHECK(include == std::vector<bool>{true, true});
  plan = sessions.begin(incremental(id, 4));
  auto moved = outcome(6);
  moved.log_start_offset = 3;
  outcomes = {moved, outcome(9)};
  sessions.complete(plan, outcomes, include);
  CHECK(include == std::vector<bool>{true, true});  // t-1: its error cleared, hw back
}

TEST_CASE("incremental fetches check the session id and epoch") {
  FetchSessions sessions(10, 42);
  int32_t id = create_session(sessions);
  CHECK(sessions.begin(incremental(id + 1, 1)).error == ErrorCode::kFetchSessionIdNotFound);
  CHECK(sessions.begin(incremental(id, 2)).error == ErrorCode::kInvalidFetchSessionEpoch);
  CHECK(sessions.begin(incremental(id, 1)).error == ErrorCode::kNone);
  // The epoch moved on: repeating 1 is wrong now.
  CHECK(sessions.begin(incremental(id, 1)).error == ErrorCode::kInvalidFetchSessionEpoch);
  CHECK(sessions.begin(incremental(id, 2)).error == ErrorCode::kNone);

  auto by_id = incremental(id, 3);
  by_id.uses_topic_ids = true;
  CHECK(sessions.begin(by_id).error == ErrorCode::kFetchSessionTopicIdError);
}

TEST_CASE("epoch -1 with a session id closes the session") {
  FetchSessions sessions(10, 42);
  int32_t id = create_session(sessions);
  auto plan = sessions.begin(full(-1, {part("t", 0)}, id));
  CHECK(plan.error == ErrorCode::kNone);
  CHECK(plan.kind == FetchPlan::Kind::kSessionless);
  CHECK(sessions.size() == 0);
  CHECK(sessions.begin(incremental(id, 1)).error == ErrorCode::kFetchSessionIdNotFound);
}

TEST_CASE("epoch 0 with a session id replaces the session") {
  FetchSessions sessions(10, 42);
  int32_t id = create_session(sessions);
  auto plan = sessions.begin(full(0, {part("u", 0)}, id));
  CHECK(plan.kind == FetchPlan::Kind::kNewSession);
  std::vector<FetchPartitionOutcome> outcomes{outcome(0)};
  std::vector<bool> include;
  int32_t replacement = sessions.complete(plan, outcomes, include);
  CHECK(replacement != id);
  CHECK(sessions.size() == 1);
  CHECK(sessions.begin(incremental(id, 1)).error == ErrorCode::kFetchSessionIdNotFound);
}

TEST_CASE("forgotten partitions leave the session; an emptied session is dropped") {
  FetchSessions sessions(10, 42);
  int32_t id = create_session(sessions);
  auto plan = sessions.begin(incremental(id, 1, {part("t", 2)}, {{{}, "t", 0}}));
  REQUIRE(plan.error == ErrorCode::kNone);
  REQUIRE(plan.partitions.size() == 2);
  CHECK(plan.partitions[0].key.partition == 1);
  CHECK(plan.partitions[1].key.partition == 2);
  // A partition new to the session is always sent the first time.
  std::vector<FetchPartitionOutcome> outcomes{outcome(5), outcome(0)};
  std::vector<bool> include;
  sessions.complete(plan, outcomes, include);
  CHECK(include == std::vector<bool>{false, true});

  plan = sessions.begin(incremental(id, 2, {}, {{{}, "t", 1}, {{}, "t", 2}}));
  CHECK(plan.error == ErrorCode::kNone);
  CHECK(plan.kind == FetchPlan::Kind::kSessionless);
  CHECK(plan.partitions.empty());
  CHECK(sessions.size() == 0);
}

TEST_CASE("forgetting partitions needs a session") {
  FetchSessions sessions(10, 42);
  CHECK(sessions.begin(incremental(0, -1, {}, {{{}, "t", 0}})).error ==
        ErrorCode::kInvalidRequest);
}

TEST_CASE("the cache is bounded and evicts the least recently used session") {
  FetchSessions sessions(2, 42);
  int32_t a = create_session(sessions);
  int32_t b = create_session(sessions);
  CHECK(sessions.begin(incremental(a, 1)).error == ErrorCode::kNone);  // a is now fresher
  int32_t c = create_session(sessions);
  CHECK(sessions.size() == 2);
  CHECK(sessions.begin(incremental(b, 1)).error == ErrorCode::kFetchSessionIdNotFound);
  CHECK(sessions.begin(incremental(a, 2)).error == ErrorCode::kNone);
  CHECK(sessions.begin(incremental(c, 1)).error == ErrorCode::kNone);

  sessions.set_max_sessions(1);
  CHECK(sessions.size() == 1);
  CHECK(sessions.begin(incremental(c, 2)).error == ErrorCode::kNone);  // c was the fresher

  sessions.set_max_sessions(0);
  auto plan = sessions.begin(full(0, {part("t", 0)}));
  std::vector<FetchPartitionOutcome> outcomes{outcome(0)};
  std::vector<bool> include;
  CHECK(sessions.complete(plan, outcomes, include) == 0);  // no slot: no session
}

TEST_CASE("sessions keyed by topic id") {
  FetchSessions sessions(10, 42);
  FetchPartitionRequest p;
  p.key.topic_id = {1, 2};
  p.key.partition = 0;
  auto request = full(0, {p});
  request.uses_topic_ids = true;
  auto plan = sessions.begin(request);
  std::vector<FetchPartitionOutcome> outcomes{outcome(0, false, ErrorCode::kUnknownTopicId)};
  std::vector<bool> include;
  int32_t id = sessions.complete(plan, outcomes, include);
  auto next = incremental(id, 1);
  next.uses_topic_ids = true;
  plan = sessions.begin(next);
  REQUIRE(plan.error == ErrorCode::kNone);
  REQUIRE(plan.partitions.size() == 1);
  CHECK(plan.partitions[0].key.topic_id == skiff::sdk::Uuid{1, 2});
  sessions.complete(plan, outcomes, include);
  CHECK(include == std::vector<bool>{true});  // errors are always sent
}

// Incremental fetch sessions (KIP-227): the broker remembers, per session, which
// partitions a client fetches and what it last told the client about each, so
// incremental Fetch requests only list changed partitions and incremental responses
// only carry partitions with news (records, a moved high watermark / last stable /
// log start offset, or an error). Bounded cache with least-recently-used eviction.
//
// A Fetch request goes through two steps:
//   plan = sessions.begin(request)      // validates session id/epoch, applies changes
//   ... read every partition of plan.partitions (maybe after a long poll) ...
//   id = sessions.complete(plan, results, include)   // creates/updates the session,
//                                                    // says which partitions to send
#pragma once

#include <compare>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "skiff/sdk/error_code.h"
#include "skiff/sdk/types.h"

namespace skiff::kernel::server {

// A partition as the client names it: by topic id (Fetch v13+) or by name.
struct FetchPartitionKey {
  sdk::Uuid topic_id;  // zero unless the session uses topic ids
  std::string topic;   // empty when the session uses topic ids
  int32_t partition = 0;
  auto operator<=>(const FetchPartitionKey&) const = default;
};

// What the client asks for one partition.
struct FetchPartitionParams {
  int64_t fetch_offset = 0;
  int32_t max_bytes = 0;
  int32_t current_leader_epoch = -1;
  int64_t log_start_offset = -1;
  int32_t last_fetched_epoch = -1;
};

struct FetchPartitionRequest {
  FetchPartitionKey key;
  FetchPartitionParams params;
};

// The facts of one partition's response that decide whether an incremental
// response must include it.
struct FetchPartitionOutcome {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  bool has_records = false;
  bool diverging = false;
  int64_t high_watermark = -1;
  int64_t last_stable_offset = -1;
  int64_t log_start_offset = -1;
};

struct FetchSessionRequest {
  int32_t session_id = 0;
  int32_t session_epoch = -1;
  bool uses_topic_ids = false;
  std::vector<FetchPartitionRequest> partitions;  // added or updated partitions
  std::vector<FetchPartitionKey> forgotten;       // removed partitions (incremental only)
};

struct FetchPlan {
  enum class Kind {
    kSessionless,  // full fetch, no session kept (epoch -1)
    kNewSession,   // full fetch that asks for a session (epoch 0)
    kIncremental,  // epoch > 0 on an existing session
  };
  sdk::ErrorCode error = sdk::ErrorCode::kNone;  // session-level error: nothing to read
  Kind kind = Kind::kSessionless;
  int32_t session_id = 0;  // incremental: the session's id
  bool uses_topic_ids = false;
  // Every partition to read, in response order: the request's for full fetches,
  // the whole session's for incremental ones.
  std::vector<FetchPartitionRequest> partitions;
};

class FetchSessions {
 public:
  static constexpr size_t kDefaultMaxSessions = 1000;  // max.incremental.fetch.session.cache.slots

  explicit FetchSessions(size_t max_sessions = kDefaultMaxSessions, uint64_t seed = 0);

  FetchPlan begin(const FetchSessionRequest& request);

  // `outcomes` has one entry per plan.partitions entry. Sets include[i] to whether
  // partition i goes into the response, and returns the response's session id (0 for
  // no session: sessionless fetches, or no cache slot could be had).
  int32_t complete(const FetchPlan& plan, std::span<const FetchPartitionOutcome> outcomes,
                   std::vector<bool>& include);

  size_t size() const;
  size_t max_sessions() const;
  void set_max_sessions(size_t max_sessions);

 private:
  struct CachedPartition {
    FetchPartitionKey key;
    FetchPartitionParams params;
    FetchPartitionOutcome last;  // what the client was last told
  };
  struct Session {
    int32_t id = 0;
    int32_t epoch = 1;  // the epoch the next incremental request must carry
    bool uses_topic_ids = false;
    std::list<CachedPartition> partitions;  // in insertion order
    std::map<FetchPartitionKey, std::list<CachedPartition>::iterator> index;
    std::list<int32_t>::iterator lru;  // position in lru_
  };

  int32_t new_session_id();  // caller holds mutex_
  void evict_to(size_t count);
  void touch(Session& session);
  void erase(int32_t id);

  mutable std::mutex mutex_;
  size_t max_sessions_;
  std::mt19937_64 random_;
  std::unordered_map<int32_t, Session> sessions_;
  std::list<int32_t> lru_;  // front: least recently used
};

// True when a partition whose last outcome was `before` must be sent again.
bool fetch_outcome_changed(const FetchPartitionOutcome& before, const FetchPartitionOutcome& now);

}  // namespace skiff::kernel::server

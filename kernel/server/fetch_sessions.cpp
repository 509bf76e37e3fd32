// Incremental fetch sessions (KIP-227): see fetch_sessions.h.
#include "kernel/server/fetch_sessions.h"

#include <limits>

namespace skiff::kernel::server {
namespace {

int32_t next_epoch(int32_t epoch) {
  return epoch == std::numeric_limits<int32_t>::max() ? 1 : epoch + 1;
}

// A full fetch names each partition once; a repeated one keeps its first position and
// takes its last parameters, as Kafka's map of fetch data does.
std::vector<FetchPartitionRequest> deduplicate(const std::vector<FetchPartitionRequest>& in) {
  std::vector<FetchPartitionRequest> out;
  out.reserve(in.size());
  std::map<FetchPartitionKey, size_t> seen;
  for (const auto& p : in) {
    auto [it, inserted] = seen.emplace(p.key, out.size());
    if (inserted) {
      out.push_back(p);
    } else {
      out[it->second].params = p.params;
    }
  }
  return out;
}

}  // namespace

bool fetch_outcome_changed(const FetchPartitionOutcome& before, const FetchPartitionOutcome& now) {
  return now.has_records || now.diverging || now.error != sdk::ErrorCode::kNone ||
         now.error != before.error || now.high_watermark != before.high_watermark ||
         now.last_stable_offset != before.last_stable_offset ||
         now.log_start_offset != before.log_start_offset;
}

FetchSessions::FetchSessions(size_t max_sessions, uint64_t seed)
    : max_sessions_(max_sessions), random_(seed != 0 ? seed : std::random_device{}()) {}

FetchPlan FetchSessions::begin(const FetchSessionRequest& request) {
  FetchPlan plan;
  plan.uses_topic_ids = request.uses_topic_ids;

  if (request.session_epoch == -1 || request.session_epoch == 0) {
    // A full fetch closes any session it names; epoch 0 asks for a new one.
    if (request.session_id != 0) {
      std::lock_guard lock(mutex_);
      erase(request.session_id);
    }
    if (!request.forgotten.empty()) {
      plan.error = sdk::ErrorCode::kInvalidRequest;  // forgetting needs a session
      return plan;
    }
    plan.kind = request.session_epoch == 0 ? FetchPlan::Kind::kNewSession
                                           : FetchPlan::Kind::kSessionless;
    plan.partitions = deduplicate(request.partitions);
    return plan;
  }
  if (request.session_epoch < -1) {
    plan.error = sdk::ErrorCode::kInvalidFetchSessionEpoch;
    return plan;
  }

  std::lock_guard lock(mutex_);
  auto found = sessions_.find(request.session_id);
  if (found == sessions_.end()) {
    plan.error = sdk::ErrorCode::kFetchSessionIdNotFound;
    return plan;
  }
  Session& session = found->second;
  if (session.epoch != request.session_epoch) {
    plan.error = sdk::ErrorCode::kInvalidFetchSessionEpoch;
    return plan;
  }
  if (session.uses_topic_ids != request.uses_topic_ids) {
    plan.error = sdk::ErrorCode::kFetchSessionTopicIdError;
    return plan;
  }
  for (const auto& p : request.partitions) {
    auto it = session.index.find(p.key);
    if (it != session.index.end()) {
      it->second->params = p.params;
    } else {
      session.partitions.push_back(CachedPartition{p.key, p.params, {}});
      session.index.emplace(p.key, std::prev(session.partitions.end()));
    }
  }
  for (const auto& key : request.forgotten) {
    auto it = session.index.find(key);
    if (it == session.index.end()) continue;
    session.partitions.erase(it->second);
    session.index.erase(it);
  }
  if (session.partitions.empty()) {
    // Nothing left to fetch: Kafka drops the session and answers sessionless.
    erase(session.id);
    plan.kind = FetchPlan::Kind::kSessionless;
    return plan;
  }
  session.epoch = next_epoch(session.epoch);
  touch(session);
  plan.kind = FetchPlan::Kind::kIncremental;
  plan.session_id = session.id;
  plan.partitions.reserve(session.partitions.size());
  for (const auto& cached : session.partitions) {
    plan.partitions.push_back(FetchPartitionRequest{cached.key, cached.params});
  }
  return plan;
}

int32_t FetchSessions::complete(const FetchPlan& plan,
                                std::span<const FetchPartitionOutcome> outcomes,
                                std::vector<bool>& include) {
  include.assign(plan.partitions.size(), true);
  switch (plan.kind) {
    case FetchPlan::Kind::kSessionless:
      return 0;

    case FetchPlan::Kind::kNewSession: {
      std::lock_guard lock(mutex_);
      if (max_sessions_ == 0) return 0;
      evict_to(max_sessions_ - 1);
      int32_t id = new_session_id();
      Session& session = sessions_[id];
      session.id = id;
      session.uses_topic_ids = plan.uses_topic_ids;
      for (size_t i = 0; i < plan.partitions.size(); ++i) {
        const auto& p = plan.partitions[i];
        FetchPartitionOutcome last = i < outcomes.size() ? outcomes[i] : FetchPartitionOutcome{};
        session.partitions.push_back(CachedPartition{p.key, p.params, last});
        session.index.emplace(p.key, std::prev(session.partitions.end()));
      }
      lru_.push_back(id);
      session.lru = std::prev(lru_.end());
      return id;
    }

    case FetchPlan::Kind::kIncremental: {
      std::lock_guard lock(mutex_);
      auto found = sessions_.find(plan.session_id);
      if (found == sessions_.end()) return plan.session_id;  // evicted meanwhile: send all
      Session& session = found->second;
      for (size_t i = 0; i < plan.partitions.size() && i < outcomes.size(); ++i) {
        auto it = session.index.find(plan.partitions[i].key);
        if (it == session.index.end()) continue;  // forgotten meanwhile
        include[i] = fetch_outcome_changed(it->second->last, outcomes[i]);
        it->second->last = outcomes[i];
      }
      return plan.session_id;
    }
  }
  return 0;
}

size_t FetchSessions::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

size_t FetchSessions::max_sessions() const {
  std::lock_guard lock(mutex_);
  return max_sessions_;
}

void FetchSessions::set_max_sessions(size_t max_sessions) {
  std::lock_guard lock(mutex_);
  max_sessions_ = max_sessions;
  evict_to(max_sessions_);
}

int32_t FetchSessions::new_session_id() {
  std::uniform_int_distribution<int32_t> dist(1, std::numeric_limits<int32_t>::max());
  for (;;) {
    int32_t id = dist(random_);
    if (!sessions_.contains(id)) return id;
  }
}

void FetchSessions::evict_to(size_t count) {
  while (sessions_.size() > count && !lru_.empty()) {
    int32_t victim = lru_.front();
    lru_.pop_front();
    sessions_.erase(victim);
  }
}

void FetchSessions::touch(Session& session) {
  lru_.splice(lru_.end(), lru_, session.lru);
}

void FetchSessions::erase(int32_t id) {
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return;
  lru_.erase(it->second.lru);
  sessions_.erase(it);
}

}  // namespace skiff::kernel::server

// Fetch (key 1): reads each partition up to its high watermark (read_uncommitted) or
// last stable offset (read_committed) and sends the batches as zero-copy file slices.
// Honours max_bytes (response-wide, at least one batch for the first partition with
// data), partition_max_bytes, leader epochs, diverging epochs (v12+), topic ids
// (v13+) and incremental fetch sessions (KIP-227, fetch_sessions.h). When fewer
// than min_bytes are ready it long-polls: parks in FetchWaiters until a produce to
// one of its partitions or max_wait_ms, then reads again.
#include <algorithm>
#include <chrono>
#include <map>
#include <memory>

#include <boost/asio/post.hpp>

#include "kernel/metrics/topic_metrics.h"
#include "kernel/protocol/generated/fetch_request.h"
#include "kernel/protocol/generated/fetch_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/fetch_sessions.h"
#include "kernel/server/handlers/handlers.h"
#include "kernel/server/partition_lookup.h"

namespace skiff::kernel::server {
namespace {

using protocol::FetchRequest;
using protocol::FetchResponse;
using Clock = std::chrono::steady_clock;

constexpr int8_t kReadCommitted = 1;
constexpr int16_t kFirstTopicIdVersion = 13;
constexpr int16_t kFirstDivergingEpochVersion = 12;

FetchSessionRequest session_request(const FetchRequest& request, int16_t version) {
  FetchSessionRequest out;
  out.session_id = request.session_id;
  out.session_epoch = request.session_epoch;
  out.uses_topic_ids = version >= kFirstTopicIdVersion;
  auto key = [&](const std::string& topic, const sdk::Uuid& id, int32_t partition) {
    return out.uses_topic_ids ? FetchPartitionKey{id, {}, partition}
                              : FetchPartitionKey{{}, topic, partition};
  };
  for (const auto& topic : request.topics) {
    for (const auto& p : topic.partitions) {
      FetchPartitionParams params;
      params.fetch_offset = p.fetch_offset;
      params.max_bytes = p.partition_max_bytes;
      params.current_leader_epoch = p.current_leader_epoch;
      params.log_start_offset = p.log_start_offset;
      params.last_fetched_epoch = p.last_fetched_epoch;
      out.partitions.push_back({key(topic.topic, topic.topic_id, p.partition), params});
    }
  }
  for (const auto& topic : request.forgotten_topics_data) {
    for (int32_t partition : topic.partitions) {
      out.forgotten.push_back(key(topic.topic, topic.topic_id, partition));
    }
  }
  return out;
}

// Whether the client may not read each partition of the plan (by index; empty when
// no authorizer is configured): consumers need READ on each topic, followers
// (replica_id >= 0) CLUSTER_ACTION on the cluster. Decided once per request, by
// name, so an unknown topic and a forbidden one look alike; a topic id that names
// no topic is left to the read to answer.
std::vector<bool> unreadable_partitions(const RequestContext& ctx, const FetchRequest& request,
                                        const FetchPlan& plan) {
  if (!ctx.broker.authorizer) return {};  // the common case: no topic lookups
  TopicLookup topics(ctx.broker);  // each topic id resolved once
  std::vector<size_t> named;       // plan indexes whose topic has a name
  std::vector<std::string_view> names;
  for (size_t i = 0; i < plan.partitions.size(); ++i) {
    const auto& key = plan.partitions[i].key;
    if (!plan.uses_topic_ids) {
      names.emplace_back(key.topic);
    } else if (const sdk::TopicInfo* topic = topics.by_id(key.topic_id)) {
      names.emplace_back(topic->name);
    } else {
      continue;
    }
    named.push_back(i);
  }
  std::vector<bool> unreadable(plan.partitions.size(), false);
  const bool follower = request.replica_id >= 0 || request.replica_state.replica_id >= 0;
  if (follower) {
    if (!authorized_on_cluster(ctx, sdk::AclOperation::kClusterAction)) {
      for (size_t i : named) unreadable[i] = true;
    }
    return unreadable;
  }
  auto readable = authorized_each(ctx, sdk::AclOperation::kRead, sdk::ResourceType::kTopic, names,
                                  std::identity{});
  for (size_t n = 0; n < named.size(); ++n) unreadable[named[n]] = !readable[n];
  return unreadable;
}

// One Fetch request from its first read until its response, across long-poll waits.
class FetchOperation : public std::enable_shared_from_this<FetchOperation> {
 public:
  FetchOperation(BrokerServices& broker, Responder<FetchResponse> respond, int16_t version,
                 const FetchRequest& request, FetchPlan plan, std::vector<bool> unreadable)
      : broker_(broker),
        respond_(std::move(respond)),
        version_(version),
        read_committed_(request.isolation_level == kReadCommitted),
        min_bytes_(request.min_bytes),
        max_bytes_(request.max_bytes),
        max_wait_ms_(request.max_wait_ms),
        deadline_(Clock::now() + std::chrono::milliseconds(std::max(request.max_wait_ms, 0))),
        plan_(std::move(plan)),
        unreadable_(std::move(unreadable)) {}

  // Reads; answers now if there is enough (or an error, or no time left), else parks.
  void run(bool final_attempt) {
    read_all();
    bool enough = total_bytes_ >= static_cast<uint64_t>(std::max(min_bytes_, 0)) ||
                  any_error_ || max_wait_ms_ <= 0 || final_attempt || Clock::now() >= deadline_;
    if (enough) {
      finish();
    } else {
      park();
    }
  }

 private:
  struct Waitable {
    sdk::TopicPartition partition;
    std::shared_ptr<sdk::PartitionLog> log;
    int64_t high_watermark = -1;
  };

  void read_all() {
    data_.assign(plan_.partitions.size(), {});
    outcomes_.assign(plan_.partitions.size(), {});
    read_topics_.resize(plan_.partitions.size());
    read_bytes_.assign(plan_.partitions.size(), 0);
    waitables_.clear();
    total_bytes_ = 0;
    any_error_ = false;
    TopicLookup topics(broker_);
    int64_t budget = std::max(max_bytes_, 0);
    bool first_with_data = true;
    for (size_t i = 0; i < plan_.partitions.size(); ++i) {
      const bool unreadable = !unreadable_.empty() && unreadable_[i];
      read_partition(topics, plan_.partitions[i], unreadable, budget, first_with_data, data_[i],
                     outcomes_[i], read_topics_[i], read_bytes_[i]);
      any_error_ = any_error_ || outcomes_[i].error != sdk::ErrorCode::kNone;
    }
  }

  void read_partition(TopicLookup& topics, const FetchPartitionRequest& request, bool unreadable,
                      int64_t& budget, bool& first_with_data, FetchResponse::PartitionData& out,
                      FetchPartitionOutcome& outcome, std::string& topic_name,
                      uint64_t& bytes_read) {
    topic_name.clear();
    const FetchPartitionParams& params = request.params;
    out.partition_index = request.key.partition;
    out.high_watermark = -1;
    out.last_stable_offset = -1;
    out.log_start_offset = -1;
    out.preferred_read_replica = -1;
    out.records = protocol::Records::empty();
    if (read_committed_) {
      out.aborted_transactions.emplace();
    } else {
      out.aborted_transactions.reset();
    }
    auto fail = [&](sdk::ErrorCode error) {
      out.error_code = sdk::to_wire(error);
      outcome.error = error;
    };

    if (!plan_.uses_topic_ids && unreadable) {
      return fail(sdk::ErrorCode::kTopicAuthorizationFailed);
    }
    const sdk::TopicInfo* topic = plan_.uses_topic_ids ? topics.by_id(request.key.topic_id)
                                                       : topics.by_name(request.key.topic);
    if (topic == nullptr && plan_.uses_topic_ids) return fail(sdk::ErrorCode::kUnknownTopicId);
    if (topic != nullptr && unreadable) {
      return fail(sdk::ErrorCode::kTopicAuthorizationFailed);
    }
    if (topic != nullptr) topic_name = topic->name;
    PartitionTarget target =
        topics.partition(topic, request.key.partition, params.current_leader_epoch);
    if (!target.ok()) return fail(target.error);
    sdk::PartitionLog& log = *target.log;

    // The bounds first, so that every record returned lies below the high watermark sent.
    int64_t high_watermark = log.high_watermark();
    int64_t last_stable = log.last_stable_offset();
    int64_t log_start = log.log_start_offset();
    waitables_.push_back({{topic->name, request.key.partition}, target.log, high_watermark});

    if (version_ >= kFirstDivergingEpochVersion && params.last_fetched_epoch >= 0) {
      // The client's log may have diverged from ours (KIP-595/320): tell it where.
      sdk::OffsetAndTimestamp end = log.end_offset_for_epoch(params.last_fetched_epoch);
      if (end.leader_epoch < params.last_fetched_epoch || end.offset < params.fetch_offset) {
        out.diverging_epoch.epoch = end.leader_epoch;
        out.diverging_epoch.end_offset = end.offset;
        outcome.diverging = true;
        return set_bounds(out, outcome, high_watermark, last_stable, log_start);
      }
    }

    sdk::ReadRequest read;
    read.offset = params.fetch_offset;
    read.max_bytes = static_cast<int32_t>(std::min<int64_t>(std::max(params.max_bytes, 0), budget));
    read.min_one_batch = first_with_data;
    read.max_offset = read_committed_ ? last_stable : high_watermark;
    sdk::ReadResult result = log.read(read);
    if (result.error != sdk::ErrorCode::kNone) return fail(result.error);

    set_bounds(out, outcome, high_watermark, last_stable, log_start);
    for (auto& slice : result.slices) out.records.append(std::move(slice));
    if (read_committed_) {
      for (const auto& a : result.aborted) {
        FetchResponse::AbortedTransaction t;
        t.producer_id = a.producer_id;
        t.first_offset = a.first_offset;
        out.aborted_transactions->push_back(std::move(t));
      }
    }
    if (result.total_bytes > 0) {
      outcome.has_records = true;
      first_with_data = false;
      budget -= static_cast<int64_t>(result.total_bytes);
      if (budget < 0) budget = 0;
      total_bytes_ += result.total_bytes;
      bytes_read = result.total_bytes;
    }
  }

  static void set_bounds(FetchResponse::PartitionData& out, FetchPartitionOutcome& outcome,
                         int64_t high_watermark, int64_t last_stable, int64_t log_start) {
    out.high_watermark = outcome.high_watermark = high_watermark;
    out.last_stable_offset = outcome.last_stable_offset = last_stable;
    out.log_start_offset = outcome.log_start_offset = log_start;
  }

  void park() {
    auto remaining =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    if (remaining.count() < 1) remaining = std::chrono::milliseconds(1);
    std::vector<sdk::TopicPartition> partitions;
    partitions.reserve(waitables_.size());
    for (const auto& w : waitables_) partitions.push_back(w.partition);

    auto self = shared_from_this();
    broker_.fetch_waiters.wait(partitions, remaining, [self](FetchWaiters::WakeReason reason) {
      if (reason == FetchWaiters::WakeReason::kShutdown) {
        self->finish_safely();  // the I/O pool may be stopping: answer with what we have
        return;
      }
      // Wakers are producers and timers: do the reading on the I/O pool, not there.
      boost::asio::post(self->broker_.runtime.io_pool(), [self, reason] {
        self->resume(reason == FetchWaiters::WakeReason::kTimeout);
      });
    });
    // Data appended between our read and the registration above would otherwise wait
    // for the timeout: if a high watermark moved meanwhile, wake up now.
    for (const auto& w : waitables_) {
      if (w.log->high_watermark() != w.high_watermark) {
        broker_.fetch_waiters.notify(w.partition);
        break;
      }
    }
  }

  void resume(bool timed_out) {
    try {
      run(timed_out);
    } catch (const std::exception& e) {
      broker_.logger.error(std::string("fetch failed after a long poll: ") + e.what());
      respond_.close_connection(std::string("internal error: ") + e.what());
    }
  }

  void finish_safely() {
    try {
      finish();
    } catch (const std::exception& e) {
      respond_.close_connection(std::string("internal error: ") + e.what());
    }
  }

  // BrokerTopicMetrics for the read that is answered: each partition counts as a
  // fetch request, and its bytes as bytes out.
  void record_metrics() {
    metrics::BrokerTopicMetrics* metrics = broker_.topic_metrics;
    if (metrics == nullptr) return;
    for (size_t i = 0; i < outcomes_.size(); ++i) {
      metrics->fetch(read_topics_[i], outcomes_[i].error, read_bytes_[i]);
    }
  }

  void finish() {
    record_metrics();
    std::vector<bool> include;
    FetchResponse response;
    response.session_id = broker_.fetch_sessions.complete(plan_, outcomes_, include);
    std::map<FetchPartitionKey, size_t> topic_index;  // partition field zeroed
    for (size_t i = 0; i < plan_.partitions.size(); ++i) {
      if (!include[i]) continue;
      FetchPartitionKey topic_key = plan_.partitions[i].key;
      topic_key.partition = 0;
      auto [it, inserted] = topic_index.emplace(topic_key, response.responses.size());
      if (inserted) {
        FetchResponse::FetchableTopicResponse topic;
        topic.topic = topic_key.topic;
        topic.topic_id = topic_key.topic_id;
        response.responses.push_back(std::move(topic));
      }
      response.responses[it->second].partitions.push_back(std::move(data_[i]));
    }
    respond_.send(response);
  }

  BrokerServices& broker_;
  Responder<FetchResponse> respond_;
  const int16_t version_;
  const bool read_committed_;
  const int32_t min_bytes_;
  const int32_t max_bytes_;
  const int32_t max_wait_ms_;
  const Clock::time_point deadline_;
  FetchPlan plan_;
  const std::vector<bool> unreadable_;  // by plan index; empty: all readable

  // The latest read: one entry per plan partition.
  std::vector<FetchResponse::PartitionData> data_;
  std::vector<FetchPartitionOutcome> outcomes_;
  std::vector<Waitable> waitables_;
  std::vector<std::string> read_topics_;  // names for metrics; empty: unknown topic
  std::vector<uint64_t> read_bytes_;
  uint64_t total_bytes_ = 0;
  bool any_error_ = false;
};

}  // namespace

void handle_fetch(RequestContext& ctx, FetchRequest& request, Responder<FetchResponse> respond) {
  const int16_t version = respond.version();
  FetchPlan plan = ctx.broker.fetch_sessions.begin(session_request(request, version));
  if (plan.error != sdk::ErrorCode::kNone) {
    FetchResponse response;
    response.error_code = sdk::to_wire(plan.error);
    response.session_id = 0;
    respond.send(response);
    return;
  }
  auto unreadable = unreadable_partitions(ctx, request, plan);
  auto operation = std::make_shared<FetchOperation>(ctx.broker, std::move(respond), version,
                                                    request, std::move(plan), std::move(unreadable));
  operation->run(/*final_attempt=*/false);
}

}  // namespace skiff::kernel::server

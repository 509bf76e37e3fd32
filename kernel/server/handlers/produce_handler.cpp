// Produce (key 0): appends each partition's record batch to its log, moves the high
// watermark (a single node satisfies acks=all once the leader has the data) and wakes
// long-polling fetches. acks=0 gets no response; an error then closes the connection,
// as Kafka does, so the producer notices.
//
// Transactions are not implemented yet: a request with a transactional id, or a
// transactional batch, gets INVALID_TXN_STATE for each partition (InitProducerId
// never hands out a transactional producer id, so a real client does not get here).
#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>

#include <boost/asio/post.hpp>

#include "kernel/config/config_store.h"
#include "kernel/metrics/topic_metrics.h"
#include "kernel/protocol/generated/produce_request.h"
#include "kernel/protocol/generated/produce_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"
#include "kernel/server/partition_lookup.h"
#include "skiff/sdk/record_batch.h"

namespace skiff::kernel::server {
namespace {

using protocol::ProduceRequest;
using protocol::ProduceResponse;
using PartitionResponse = ProduceResponse::PartitionProduceResponse;

// Serializes "high watermark := max(it, end)" so that two producers racing on one
// partition never move it backwards.
std::mutex high_watermark_mutex;

// `end`: just past this request's records, which are durable if they must be
// (everything before them in the log is then durable too).
void advance_high_watermark(sdk::PartitionLog& log, int64_t end) {
  std::lock_guard lock(high_watermark_mutex);
  if (end > log.high_watermark()) log.set_high_watermark(end);
}

PartitionResponse failed(int32_t index, sdk::ErrorCode error, std::string message = {}) {
  PartitionResponse out;
  out.index = index;
  out.error_code = sdk::to_wire(error);
  out.base_offset = -1;
  out.log_append_time_ms = -1;
  out.log_start_offset = -1;
  if (!message.empty()) out.error_message = std::move(message);
  return out;
}

// Kafka's ProduceRequest.validateRecords for v3+: exactly one magic-2 batch per
// partition. Framing problems are CORRUPT_MESSAGE, the rest INVALID_RECORD. The
// storage engine then checks the batch itself (CRC, records, sizes, sequences).
std::optional<PartitionResponse> check_framing(int32_t index, std::span<const uint8_t> data,
                                               bool transactional_request) {
  using sdk::ErrorCode;
  if (data.empty()) {
    return failed(index, ErrorCode::kInvalidRecord,
                  "produce requests must have at least one record batch per partition");
  }
  auto header = sdk::RecordBatchHeader::parse(data);
  if (!header || header->batch_length < 0 || header->size_in_bytes() > data.size()) {
    return failed(index, ErrorCode::kCorruptMessage,
                  "record batch is truncated: " + std::to_string(data.size()) + " bytes");
  }
  if (header->magic != sdk::batch::kMagicV2) {
    return failed(index, ErrorCode::kInvalidRecord,
                  "produce requests must use record batch magic 2, got " +
                      std::to_string(header->magic));
  }
  if (header->size_in_bytes() != data.size()) {
    return failed(index, ErrorCode::kInvalidRecord,
                  "produce requests may contain only one record batch per partition");
  }
  if (transactional_request || header->transactional()) {
    return failed(index, ErrorCode::kInvalidTxnState,
                  "transactions are not supported by this broker");
  }
  if (header->control()) {
    return failed(index, ErrorCode::kInvalidRecord, "clients may not produce control batches");
  }
  return std::nullopt;
}

// One partition's append, resolved on the handler thread and run on any I/O
// thread: it owns what it needs (the records keep the request buffer alive).
struct AppendJob {
  std::string topic;
  int32_t index = 0;
  protocol::Records records;
  std::vector<uint8_t> flattened;  // the records, only if the codec handed them over in pieces
  PartitionTarget target;
  PartitionResponse* out = nullptr;  // its slot in the response
  int64_t end_offset = -1;           // after the append: just past its records
  bool needs_sync = false;           // after the append: the engine wants sync_to() first
  size_t lane = 0;                   // its partition's lane (Runtime::io_lanes())
  bool ok() const { return out->error_code == 0; }
  std::span<const uint8_t> bytes() const {
    return records.is_contiguous() ? records.bytes() : std::span<const uint8_t>(flattened);
  }
};

// The partition's append, or the error that stops it before the log is touched.
std::optional<AppendJob> resolve_partition(TopicLookup& topics, const std::string& topic_name,
                                           const ProduceRequest::PartitionProduceData& data,
                                           bool transactional_request, PartitionResponse& out) {
  const sdk::TopicInfo* topic = topics.by_name(topic_name);
  PartitionTarget target = topics.partition(topic, data.index);
  if (!target.ok()) {
    out = failed(data.index, target.error);
    return std::nullopt;
  }
  AppendJob job{topic_name, data.index, data.records, {}, std::move(target), &out};
  if (!data.records.is_contiguous()) job.flattened = data.records.to_vector();
  if (auto problem = check_framing(data.index, job.bytes(), transactional_request)) {
    out = std::move(*problem);
    return std::nullopt;
  }
  return job;
}

// Appends, leaving the fsync the engine's flush policy may want to make_visible().
void run_append(AppendJob& job) {
  sdk::AppendRequest append;
  append.batches = job.bytes();
  append.leader_epoch = job.target.leader_epoch;
  append.defer_sync = true;
  sdk::AppendResult result = job.target.log->append(append);

  // A duplicate of an already appended batch is acknowledged with the original
  // offsets (Kafka answers NONE with them; the engine may report it either way).
  bool duplicate =
      result.error == sdk::ErrorCode::kDuplicateSequenceNumber && result.base_offset >= 0;
  if (result.error != sdk::ErrorCode::kNone && !duplicate) {
    PartitionResponse out = failed(job.index, result.error, result.error_message);
    for (const auto& e : result.record_errors) {
      ProduceResponse::BatchIndexAndErrorMessage r;
      r.batch_index = e.batch_index;
      if (!e.message.empty()) r.batch_index_error_message = e.message;
      out.record_errors.push_back(std::move(r));
    }
    *job.out = std::move(out);
    return;
  }
  PartitionResponse& out = *job.out;
  out = PartitionResponse{};
  out.index = job.index;
  out.base_offset = result.base_offset;
  out.log_append_time_ms = result.log_append_time_ms;
  out.log_start_offset = result.log_start_offset;
  job.end_offset = std::max(result.last_offset + 1, result.base_offset + 1);
  job.needs_sync = result.needs_sync;
}

// Durable (if the engine asked), then readable: the high watermark moves and
// fetches waiting for the partition wake up.
void make_visible(BrokerServices& broker, AppendJob& job) {
  if (!job.ok()) return;
  if (job.needs_sync) {
    sdk::ErrorCode error = job.target.log->sync_to(job.end_offset);
    if (error != sdk::ErrorCode::kNone) {
      *job.out = failed(job.index, error, "the append could not be made durable");
      return;
    }
  }
  advance_high_watermark(*job.target.log, job.end_offset);
  broker.fetch_waiters.notify(sdk::TopicPartition{job.topic, job.index});
}

// BrokerTopicMetrics: every partition counts as a produce request; records and
// bytes count once appended. Unknown topics count only towards the broker total.
void record_produce(metrics::BrokerTopicMetrics& metrics, const std::string& topic,
                    const ProduceRequest::PartitionProduceData& data, const PartitionResponse& r) {
  const auto error = static_cast<sdk::ErrorCode>(r.error_code);
  uint64_t messages = 0;
  if (error == sdk::ErrorCode::kNone && data.records.is_contiguous()) {
    if (auto header = sdk::RecordBatchHeader::parse(data.records.bytes())) {
      messages = static_cast<uint64_t>(std::max(header->records_count, 0));
    }
  }
  metrics.produce(error == sdk::ErrorCode::kUnknownTopicOrPartition ? std::string_view() : topic,
                  error, messages, data.records.size());
}

// acks Kafka accepts: 0 (no response), 1 (the leader) and -1 (all in-sync replicas).
bool valid_acks(int16_t acks) { return acks == 0 || acks == 1 || acks == -1; }

// A produce request from its appends to its response. It starts on the network
// thread that read it. Small requests append right there. Large ones go to their
// partitions' lanes on the I/O threads (OrderedLanes: one partition's appends stay
// in order, different partitions' run in parallel) and release the connection's
// turn at once, so the network thread reads the next request while they append:
// a producer's pipelined requests then use every core even when each carries one
// partition. The appends only write; when the storage engine's flush policy wants
// the records durable first (e.g. log.flush.on.append), the request releases the
// connection's turn once they are in (its next request may append meanwhile, in
// order) and the partitions are fsynced in parallel on the I/O threads, each fsync
// also covering whatever was appended before it (group commit). The response waits
// for that, and goes out in request order.
class ProduceOperation : public std::enable_shared_from_this<ProduceOperation> {
 public:
  ProduceOperation(BrokerServices& broker, ProduceRequest& request,
                   Responder<ProduceResponse> respond)
      : broker_(broker), request_(std::move(request)), respond_(std::move(respond)) {}

  ProduceRequest& request() { return request_; }
  ProduceResponse& response() { return response_; }
  void add(AppendJob job) { jobs_.push_back(std::move(job)); }

  void run() {
    size_t bytes = 0;
    bool behind_lane_work = false;
    for (auto& job : jobs_) {
      bytes += job.records.size();
      job.lane = broker_.runtime.io_lanes().lane_of(std::hash<std::string>{}(job.topic) ^
                                                    static_cast<size_t>(job.index));
      behind_lane_work = behind_lane_work || broker_.runtime.io_lanes().busy(job.lane);
    }
    // A small request whose partition has appends queued in its lane joins them
    // there: appending here would overtake them.
    const bool in_lanes = bytes >= kLaneAppendBytes || behind_lane_work;
    for_each_job(in_lanes ? Spread::kLanes : Spread::kThisThread,
                 [](ProduceOperation&, AppendJob& job) { run_append(job); },
                 [](ProduceOperation& op) { op.appended(); });
    // Only now: the connection's next request must find these jobs in their lanes.
    // (If they already replied, this does nothing.)
    if (in_lanes) respond_.release_turn();
  }

 private:
  // Below this, handing appends to other threads costs more than the copies it
  // spreads (small batches are what latency-bound producers send).
  static constexpr size_t kLaneAppendBytes = 256 * 1024;

  enum class Spread {
    kThisThread,  // every job here, one after another
    kLanes,       // every job in its partition's lane on the I/O threads
    kIoThreads,   // every job on the I/O threads (they may wait on the disk)
  };

  // Runs `step` on every job, spread as asked, then `next` once, on the thread that
  // finished last.
  void for_each_job(Spread spread, void (*step)(ProduceOperation&, AppendJob&),
                    void (*next)(ProduceOperation&)) {
    remaining_.store(jobs_.size() + 1, std::memory_order_relaxed);
    next_ = next;
    auto self = shared_from_this();
    for (size_t i = 0; i < jobs_.size(); ++i) {
      auto run = [self, step, i] { self->run_step(step, i); };
      switch (spread) {
        case Spread::kThisThread:
          run();
          break;
        case Spread::kLanes:
          broker_.runtime.io_lanes().post(jobs_[i].lane, std::move(run));
          break;
        case Spread::kIoThreads:
          boost::asio::post(broker_.runtime.io_pool(), std::move(run));
          break;
      }
    }
    finish_one();
  }

  void run_step(void (*step)(ProduceOperation&, AppendJob&), size_t i) {
    try {
      step(*this, jobs_[i]);
    } catch (const std::exception& e) {
      *jobs_[i].out = failed(jobs_[i].index, sdk::ErrorCode::kUnknownServerError, e.what());
    }
    finish_one();
  }

  void finish_one() {
    if (remaining_.fetch_sub(1, std::memory_order_acq_rel) == 1) next_(*this);
  }

  void appended() {
    const bool syncing = std::any_of(jobs_.begin(), jobs_.end(),
                                     [](const AppendJob& job) { return job.ok() && job.needs_sync; });
    if (syncing) respond_.release_turn();
    // fsyncs wait on the disk: in parallel, and never on a network thread.
    for_each_job(
        syncing ? Spread::kIoThreads : Spread::kThisThread,
        [](ProduceOperation& op, AppendJob& job) { make_visible(op.broker_, job); },
        [](ProduceOperation& op) { op.answer(); });
  }

  void answer() {
    bool any_error = false;
    for (size_t t = 0; t < request_.topic_data.size(); ++t) {
      const auto& topic = request_.topic_data[t];
      auto& results = response_.responses[t].partition_responses;
      for (size_t p = 0; p < topic.partition_data.size(); ++p) {
        any_error = any_error || results[p].error_code != 0;
        if (valid_acks(request_.acks) && broker_.topic_metrics) {
          record_produce(*broker_.topic_metrics, topic.name, topic.partition_data[p], results[p]);
        }
      }
    }
    if (request_.acks == 0) {
      if (any_error) {
        respond_.close_connection("acks=0 produce failed for at least one partition");
      } else {
        respond_.no_response();
      }
      return;
    }
    respond_.send(response_);
  }

  BrokerServices& broker_;
  ProduceRequest request_;
  Responder<ProduceResponse> respond_;
  ProduceResponse response_;
  std::vector<AppendJob> jobs_;
  std::atomic<size_t> remaining_{0};
  void (*next_)(ProduceOperation&) = nullptr;
};

}  // namespace

void handle_produce(RequestContext& ctx, ProduceRequest& request_in,
                    Responder<ProduceResponse> respond) {
  BrokerServices& broker = ctx.broker;
  auto operation = std::make_shared<ProduceOperation>(broker, request_in, std::move(respond));
  ProduceRequest& request = operation->request();
  ProduceResponse& response = operation->response();
  const bool acks_valid = valid_acks(request.acks);
  const bool transactional = request.transactional_id.has_value();

  TopicLookup topics(broker);
  // Kafka: WRITE on the transactional id first (it fails every partition), then
  // WRITE on each topic, asked before its existence so names do not leak.
  const bool transaction_allowed =
      !transactional || authorized(ctx, sdk::AclOperation::kWrite,
                                   sdk::ResourceType::kTransactionalId, *request.transactional_id);
  const auto writable = authorized_each(ctx, sdk::AclOperation::kWrite, sdk::ResourceType::kTopic,
                                        request.topic_data, &ProduceRequest::TopicProduceData::name);
  // Every slot exists before any append starts: jobs point into them.
  response.responses.resize(request.topic_data.size());
  for (size_t t = 0; t < request.topic_data.size(); ++t) {
    const auto& topic = request.topic_data[t];
    response.responses[t].name = topic.name;
    response.responses[t].partition_responses.resize(topic.partition_data.size());
  }
  for (size_t t = 0; t < request.topic_data.size(); ++t) {
    const auto& topic = request.topic_data[t];
    for (size_t p = 0; p < topic.partition_data.size(); ++p) {
      const auto& partition = topic.partition_data[p];
      PartitionResponse& out = response.responses[t].partition_responses[p];
      if (!acks_valid) {
        out = failed(partition.index, sdk::ErrorCode::kInvalidRequiredAcks);
      } else if (!transaction_allowed) {
        out = failed(partition.index, sdk::ErrorCode::kTransactionalIdAuthorizationFailed);
      } else if (!writable[t]) {
        out = failed(partition.index, sdk::ErrorCode::kTopicAuthorizationFailed);
      } else if (auto job = resolve_partition(topics, topic.name, partition, transactional, out)) {
        operation->add(std::move(*job));
      }
    }
  }
  operation->run();
}

}  // namespace skiff::kernel::server

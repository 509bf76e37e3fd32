// run_producer: the producing loop (pacing, queue-full backoff) on the calling
// thread, delivery reports and statistics on a polling thread.
#include "workload/produce_run.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "common/bench_error.h"
#include "common/clock.h"
#include "common/units.h"
#include "kafka/rdkafka_handles.h"

namespace skiff::bench {
namespace {

constexpr double kDrainTimeoutS = 60;
constexpr size_t kBurst = 64;

// What the delivery-report and statistics callbacks record. They run on the polling
// thread; counters the producing thread waits on are atomic, the rest is read after
// the polling thread has been joined.
struct DeliveryState {
  std::atomic<uint64_t> warmed_up{0};  // warm-up records delivered (not measured)
  std::atomic<uint64_t> delivered{0};
  std::atomic<uint64_t> failed{0};
  uint64_t bytes = 0;
  int64_t last_ns = 0;
  std::vector<int64_t> latencies_ns;
  std::string first_error;
  double avg_batch_bytes = 0;

  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
    auto* self = static_cast<DeliveryState*>(opaque);
    int64_t now = now_ns();
    if (message->_private == nullptr) {
      self->warmed_up.fetch_add(1, std::memory_order_release);
      return;
    }
    if (message->err) {
      if (self->first_error.empty()) self->first_error = rd_kafka_err2str(message->err);
      self->failed.fetch_add(1, std::memory_order_release);
      return;
    }
    self->latencies_ns.push_back(now - reinterpret_cast<intptr_t>(message->_private));
    self->bytes += message->len;
    self->last_ns = now;
    self->delivered.fetch_add(1, std::memory_order_release);
  }

  // Keeps topics.<t>.batchsize.avg of the latest window that had batches.
  static int on_stats(rd_kafka_t*, char* json, size_t, void* opaque) {
    auto* self = static_cast<DeliveryState*>(opaque);
    if (const char* batch = std::strstr(json, "\"batchsize\":")) {
      if (const char* avg = std::strstr(batch, "\"avg\":")) {
        double value = std::strtod(avg + 6, nullptr);
        if (value > 0) self->avg_batch_bytes = value;
      }
    }
    return 0;  // librdkafka frees the JSON
  }
};

std::vector<char> make_payload(size_t size) {
  std::vector<char> payload(size);
  uint32_t x = 2463534242u;
  for (char& c : payload) {  // xorshift: incompressible bytes
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x);
  }
  return payload;
}

// One record per partition, delivered before the clock starts: connecting,
// ApiVersions and Metadata are client start-up, not produce latency.
void warm_up(rd_kafka_topic_t* topic, const std::vector<int32_t>& partitions,
             const std::vector<char>& payload, const DeliveryState& state) {
  for (int32_t p : partitions) {
    if (rd_kafka_produce(topic, p, RD_KAFKA_MSG_F_COPY, const_cast<char*>(payload.data()),
                         payload.size(), nullptr, 0, nullptr) != 0) {
      throw BenchError(std::string("warm-up produce: ") + rd_kafka_err2str(rd_kafka_last_error()));
    }
  }
  const Clock::time_point start = Clock::now();
  while (state.warmed_up.load(std::memory_order_acquire) < partitions.size()) {
    if (seconds_since(start) > kDrainTimeoutS) throw BenchError("warm-up records were not delivered");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace

double ProduceResult::mib_per_s() const { return bench::mib_per_s(bytes, seconds); }

double ProduceResult::records_per_s() const {
  return seconds > 0 ? static_cast<double>(records) / seconds : 0;
}

ProduceResult run_producer(const ProduceJob& job) {
  if (job.partitions.empty()) throw BenchError("no partitions to produce to");
  DeliveryState state;
  // Growing the vector in the delivery callback would stall deliveries.
  state.latencies_ns.reserve(job.records_per_s > 0
                                 ? static_cast<size_t>(job.records_per_s * job.seconds * 1.2) + 1024
                                 : size_t{1} << 22);
  ClientConfig config(job.bootstrap);
  config.set_all(job.settings.client_settings());
  rd_kafka_conf_set_dr_msg_cb(config.get(), &DeliveryState::on_delivery);
  rd_kafka_conf_set_stats_cb(config.get(), &DeliveryState::on_stats);
  rd_kafka_conf_set_opaque(config.get(), &state);
  KafkaPtr rk = config.create(RD_KAFKA_PRODUCER);
  TopicPtr topic(rd_kafka_topic_new(rk.get(), job.topic.c_str(), nullptr));
  if (!topic) throw BenchError("topic handle " + job.topic);

  std::atomic<bool> polling{true};
  std::thread poller([&] {
    while (polling.load(std::memory_order_acquire)) rd_kafka_poll(rk.get(), 10);
  });

  const std::vector<char> payload = make_payload(job.record_bytes);
  warm_up(topic.get(), job.partitions, payload, state);
  const Clock::time_point start = Clock::now();
  const auto measured_from =
      start + std::chrono::duration_cast<Clock::duration>(seconds(job.warmup_seconds));
  const int64_t start_ns = to_ns(measured_from);
  const auto deadline =
      measured_from + std::chrono::duration_cast<Clock::duration>(seconds(job.seconds));
  // Records go to librdkafka in bursts (rd_kafka_produce_batch): one lock and one
  // wake-up of its broker thread per burst instead of per record. The client shares
  // the cores with the broker, and its per-record overhead was taken from the
  // broker's share. At full speed a burst is kBurst records; paced, it is the
  // records due by now (a few every 20 us at the rates measured).
  std::vector<rd_kafka_message_t> messages;
  uint64_t sent = 0;
  uint64_t warmup_sent = 0;  // their delivery reports count as warmed_up
  uint64_t bursts = 0;
  std::string produce_error;
  for (;;) {
    const Clock::time_point now = Clock::now();
    if (now >= deadline || (job.stop && job.stop->load(std::memory_order_relaxed))) break;
    const uint64_t produced = sent + warmup_sent;
    size_t burst = kBurst;
    if (job.records_per_s > 0) {
      const double due = std::chrono::duration<double>(now - start).count() * job.records_per_s -
                         static_cast<double>(produced);
      if (due <= 0) {
        std::this_thread::sleep_for(std::chrono::microseconds(20));
        continue;
      }
      burst = std::min(kBurst, static_cast<size_t>(due) + 1);
    }
    const int32_t partition = job.partitions[bursts++ % job.partitions.size()];
    const bool measured = now >= measured_from;
    void* stamp = measured ? reinterpret_cast<void*>(static_cast<intptr_t>(to_ns(now))) : nullptr;
    messages.assign(burst, rd_kafka_message_t{});
    for (rd_kafka_message_t& m : messages) {
      m.payload = const_cast<char*>(payload.data());
      m.len = payload.size();
      m._private = stamp;
    }
    const int accepted = rd_kafka_produce_batch(topic.get(), partition, 0, messages.data(),
                                                static_cast<int>(messages.size()));
    (measured ? sent : warmup_sent) += static_cast<uint64_t>(std::max(accepted, 0));
    if (static_cast<size_t>(accepted) == messages.size()) continue;
    for (const rd_kafka_message_t& m : messages) {
      if (m.err && m.err != RD_KAFKA_RESP_ERR__QUEUE_FULL) produce_error = rd_kafka_err2str(m.err);
    }
    if (!produce_error.empty()) break;
    std::this_thread::sleep_for(std::chrono::microseconds(100));  // queue full
  }

  const Clock::time_point drain_start = Clock::now();
  while (state.delivered.load(std::memory_order_acquire) +
                 state.failed.load(std::memory_order_acquire) < sent &&
         seconds_since(drain_start) < kDrainTimeoutS) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  polling.store(false, std::memory_order_release);
  poller.join();
  rd_kafka_purge(rk.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_flush(rk.get(), 1000);

  ProduceResult out;
  out.records = state.delivered.load();
  out.failed = sent - std::min(sent, out.records);  // failed, timed out or purged
  out.bytes = state.bytes;
  out.first_error = !produce_error.empty() ? produce_error : state.first_error;
  out.seconds = out.records > 0 ? static_cast<double>(state.last_ns - start_ns) / 1e9 : 0;
  out.latencies_ns = std::move(state.latencies_ns);
  out.avg_batch_bytes = state.avg_batch_bytes;
  return out;
}

}  // namespace skiff::bench

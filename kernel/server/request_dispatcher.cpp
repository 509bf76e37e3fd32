#include "kernel/server/request_dispatcher.h"

#include "kernel/metrics/request_metrics.h"
#include "kernel/protocol/frame.h"
#include "kernel/protocol/generated/api_versions_response.h"
#include "kernel/server/api_versions.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/plugin_request_handlers.h"
#include "kernel/server/request_log.h"
#include "skiff/sdk/error_code.h"

namespace skiff::kernel::server {

namespace {
constexpr int16_t kApiVersionsKey = 18;
constexpr int16_t kFetchKey = 1;

using Clock = std::chrono::steady_clock;

int64_t ns_since_epoch(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

// The handler is done with the request at `now`, unless it already was (it replied
// before returning); returns when it was done.
int64_t mark_handler_done(ReplyTarget& target, Clock::time_point now) {
  int64_t done = 0;
  int64_t now_ns = ns_since_epoch(now);
  return target.handler_done_ns.compare_exchange_strong(done, now_ns) ? now_ns : done;
}

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// Where a request's time went until its reply at `now`: queue time until a handler
// thread took it, local time until the handler was done, remote time from then
// until the reply (long-poll fetch).
metrics::RequestTimes times_until_reply(ReplyTarget& target, Clock::time_point now) {
  const int64_t done_ns = mark_handler_done(target, now);
  const int64_t started_ns = ns_since_epoch(target.started);
  metrics::RequestTimes times;
  if (target.queued != Clock::time_point{}) times.queue_ms = ms(target.started - target.queued);
  times.local_ms = static_cast<double>(done_ns - started_ns) / 1e6;
  times.remote_ms = static_cast<double>(ns_since_epoch(now) - done_ns) / 1e6;
  return times;
}

// Records a completed request, with its send time once the network thread wrote
// the response.
void record_completion(metrics::RequestMetrics& metrics, const ReplyTarget& target,
                       metrics::RequestTimes times, Clock::time_point now, net::Reply& reply) {
  // A single node has no follower: every Fetch comes from a consumer.
  const bool consumer_fetch = target.api_key == kFetchKey;
  if (reply.kind != net::Reply::Kind::kRespond) {
    metrics.completed(target.api_key, consumer_fetch, times);
    return;
  }
  reply.on_sent = [&metrics, api_key = target.api_key, consumer_fetch, times, now]() mutable {
    times.send_ms = ms(Clock::now() - now);
    metrics.completed(api_key, consumer_fetch, times);
  };
}
}  // namespace

RequestDispatcher::RequestDispatcher(const HandlerTable& handlers, BrokerServices& broker,
                                     sdk::Logger& logger)
    : handlers_(handlers), broker_(broker), logger_(logger) {}

bool RequestDispatcher::runs_on_network_thread(const net::ConnectionInfo& /*connection*/,
                                               const net::InboundFrame& frame) const {
  const auto& buffer = *frame.buffer;
  const HandlerTable::Entry* entry =
      handlers_.find(protocol::peek_api_key(buffer.data(), buffer.size()));
  return entry != nullptr && entry->thread == HandlerTable::Thread::kNetwork;
}

void RequestDispatcher::process(const std::shared_ptr<net::ConnectionInfo>& connection,
                                net::InboundFrame frame, net::ReplyCallback done) {
  const auto& buffer = *frame.buffer;
  protocol::RequestFrame parsed;
  const HandlerTable::Entry* entry = nullptr;
  HandlerTable::HeaderVersions header_versions;
  try {
    const protocol::ApiId api = protocol::peek_api(buffer.data(), buffer.size());
    entry = handlers_.find(api.api_key);
    header_versions = HandlerTable::header_versions(entry, api.api_key, api.api_version);
    parsed = protocol::parse_request_frame(buffer.data(), buffer.size(), header_versions.request);
  } catch (const std::exception& e) {
    done(net::Reply::close(std::string("malformed request header: ") + e.what()));
    return;
  }
  const protocol::RequestHeader& header = parsed.header;
  if (header.client_id) connection->identity.client_id = *header.client_id;
  protocol::Reader reader(buffer.data() + parsed.body_offset, buffer.size() - parsed.body_offset,
                          frame.buffer);

  auto target = std::make_shared<ReplyTarget>();
  target->api_key = header.request_api_key;
  target->api_version = header.request_api_version;
  target->correlation_id = header.correlation_id;
  target->response_header_version = header_versions.response;
  target->reply = std::move(done);

  if (entry == nullptr || header.request_api_version < entry->min_version ||
      header.request_api_version > entry->max_version) {
    if (header.request_api_key == kApiVersionsKey) {
      // Kafka answers an ApiVersions it cannot parse with v0 and UNSUPPORTED_VERSION,
      // listing what it supports, so the client can retry with a version it knows.
      reply_unsupported_api_versions(target);
      return;
    }
    target->deliver(net::Reply::close(
        "unsupported request: api key " + std::to_string(header.request_api_key) + " version " +
        std::to_string(header.request_api_version) +
        (entry ? " (supported " + std::to_string(entry->min_version) + "-" +
                     std::to_string(entry->max_version) + ")"
               : " (api not implemented)")));
    return;
  }

  metrics::RequestMetrics* metrics = broker_.request_metrics;
  RequestLog* request_log = broker_.request_log && broker_.request_log->enabled(header.request_api_key)
                                ? broker_.request_log
                                : nullptr;
  if (metrics) metrics->received(header.request_api_key, header.request_api_version);
  if (metrics || request_log) {
    target->queued = frame.queued_at;
    target->started = Clock::now();
    target->reply = [metrics, request_log, connection, raw = target.get(),
                     done = std::move(target->reply)](net::Reply r) {
      if (r.kind == net::Reply::Kind::kReleased) return done(std::move(r));
      // `raw` owns this callback, so it is alive.
      const auto now = Clock::now();
      const metrics::RequestTimes times = times_until_reply(*raw, now);
      if (request_log) {
        request_log->log({raw->api_key, raw->api_version, raw->correlation_id, connection.get(),
                          r.kind, &r.close_reason, times.queue_ms, times.local_ms,
                          times.remote_ms});
      }
      if (metrics) record_completion(*metrics, *raw, times, now, r);
      done(std::move(r));
    };
  }
  RequestContext context{header.request_api_key, header.request_api_version, header.correlation_id,
                         connection->identity.client_id, connection, broker_};
  struct BusyTime {  // the handler thread's busy time, however invoke() ends
    metrics::RequestMetrics* metrics;
    bool handler_thread;  // network threads' time is not the handler pool's
    ReplyTarget& target;
    ~BusyTime() {
      if (metrics == nullptr) return;
      const auto now = Clock::now();
      mark_handler_done(target, now);
      if (handler_thread) metrics->handler_busy(now - target.started);
    }
  } busy{broker_.request_metrics, !frame.on_network_thread, *target};
  try {
    entry->invoke(context, reader, target);
  } catch (const protocol::DecodeError& e) {
    target->deliver(net::Reply::close("malformed request (api key " +
                                    std::to_string(header.request_api_key) + " version " +
                                    std::to_string(header.request_api_version) + "): " + e.what()));
  } catch (const std::exception& e) {
    logger_.error("handler for api key " + std::to_string(header.request_api_key) + " failed: " +
                  e.what());
    target->deliver(net::Reply::close(std::string("internal error: ") + e.what()));
  }
}

void RequestDispatcher::reply_unsupported_api_versions(const std::shared_ptr<ReplyTarget>& target) {
  protocol::ApiVersionsResponse response = build_api_versions_response(handlers_);
  response.error_code = sdk::to_wire(sdk::ErrorCode::kUnsupportedVersion);
  target->api_version = 0;
  target->response_header_version = 0;  // ApiVersions answers with header v0 always
  auto frame = frame_response(*target, [&](protocol::Writer& w) { response.encode(w, 0); });
  target->deliver(net::Reply::respond(std::move(frame)));
}

}  // namespace skiff::kernel::server

// Responder<Response>: the one-shot callback a handler completes its request with,
// from any thread, now or later (long polls). It frames the response with the
// header version the API and version call for.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "kernel/net/request_processor.h"
#include "kernel/protocol/frame.h"

namespace skiff::kernel::server {

// The request's identity and the connection's reply callback, shared by copies of
// a Responder so that exactly one reply goes out.
struct ReplyTarget {
  int16_t api_key = 0;
  int16_t api_version = 0;
  int32_t correlation_id = 0;
  int16_t response_header_version = 0;  // from HandlerTable::header_versions
  net::ReplyCallback reply;
  std::atomic<bool> replied{false};
  // For request metrics: when the request was queued for a handler thread, when the
  // handler started, and when it returned or replied (steady clock ns, 0 until
  // then), whichever came first.
  std::chrono::steady_clock::time_point queued{};
  std::chrono::steady_clock::time_point started{};
  std::atomic<int64_t> handler_done_ns{0};

  // Only the first reply counts; a connection waits for exactly one per request.
  void deliver(net::Reply r) {
    if (!replied.exchange(true)) reply(std::move(r));
  }
  // Lets the connection start its next request before this one replies.
  void release() {
    if (!replied.load()) reply(net::Reply::released());
  }
};

// Frames a response: size prefix and the header version the API version calls for,
// then the body that `encode_body` writes.
template <class EncodeBody>
net::OutboundFrame frame_response(const ReplyTarget& target, EncodeBody&& encode_body) {
  protocol::Writer writer =
      protocol::start_response_frame(target.response_header_version, target.correlation_id);
  encode_body(writer);
  return protocol::finish_frame(std::move(writer));
}

template <class Response>
class Responder {
 public:
  explicit Responder(std::shared_ptr<ReplyTarget> target) : target_(std::move(target)) {}

  int16_t version() const { return target_->api_version; }

  void send(const Response& response) {
    auto frame = frame_response(
        *target_, [&](protocol::Writer& w) { response.encode(w, target_->api_version); });
    target_->deliver(net::Reply::respond(std::move(frame)));
  }
  // The rest of this request does not depend on the connection's later requests
  // being held back (e.g. only an fsync is left): they may start now. The reply
  // still goes out in request order.
  void release_turn() { target_->release(); }
  // acks=0 produce: nothing goes back.
  void no_response() { target_->deliver(net::Reply::none()); }
  void close_connection(std::string reason) {
    target_->deliver(net::Reply::close(std::move(reason)));
  }

 private:
  std::shared_ptr<ReplyTarget> target_;
};

}  // namespace skiff::kernel::server

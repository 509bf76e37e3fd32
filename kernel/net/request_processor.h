// The seam between the network layer and request handling: a connection hands each
// complete request frame to the processor and gets back what to send.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "kernel/net/outbound_frame.h"
#include "skiff/sdk/security.h"

namespace skiff::kernel::net {

// Per-connection authentication state owned by the security layer (SASL progress).
struct SecurityState {
  virtual ~SecurityState() = default;
};

// What a connection knows about itself; handlers read it, authentication updates it.
struct ConnectionInfo {
  uint64_t id = 0;
  sdk::ConnectionIdentity identity;
  bool plaintext = true;  // sendfile allowed
  // TLS listeners: the verified client certificate's subject (RFC 2253), if one was sent.
  std::optional<std::string> tls_peer_subject;
  std::shared_ptr<SecurityState> security;  // null on listeners without SASL
  // Closes the connection, from any thread (set by the network layer; a no-op once
  // the connection is gone). Used to end expired sessions.
  std::function<void(std::string reason)> close;
};

// Allocates like std::allocator but leaves elements default-initialized: a request
// buffer is about to be overwritten by the socket read, so zero-filling it first
// would only cost a pass over every byte.
template <class T>
struct UninitializedAllocator : std::allocator<T> {
  using std::allocator<T>::allocator;
  template <class U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

using FrameBuffer = std::vector<uint8_t, UninitializedAllocator<uint8_t>>;

struct InboundFrame {
  std::shared_ptr<FrameBuffer> buffer;  // the request, without the size prefix
  // When it was handed to the request handler threads (request metrics' queue time).
  std::chrono::steady_clock::time_point queued_at{};
  // Handled by the network thread that read it, not by a request handler thread.
  bool on_network_thread = false;
};

struct Reply {
  // kReleased is not a reply: the request gives up its turn early (only the reply
  // is left to come), so the connection may start the next request meanwhile.
  enum class Kind { kRespond, kNoResponse, kClose, kReleased };
  Kind kind = Kind::kRespond;
  OutboundFrame frame;
  std::string close_reason;  // logged when kind == kClose
  // kRespond: runs on the network thread once the response is written (metrics).
  std::function<void()> on_sent;

  static Reply respond(OutboundFrame f) { return Reply{Kind::kRespond, std::move(f), {}, {}}; }
  static Reply none() { return Reply{Kind::kNoResponse, {}, {}, {}}; }
  static Reply close(std::string why) { return Reply{Kind::kClose, {}, std::move(why), {}}; }
  static Reply released() { return Reply{Kind::kReleased, {}, {}, {}}; }
};

using ReplyCallback = std::function<void(Reply)>;

class RequestProcessor {
 public:
  virtual ~RequestProcessor() = default;
  // Called for each request of a connection, one at a time, in arrival order; the
  // next one is not processed until `done` is called (from any thread) with the
  // reply, or with Reply::released() before it (then once more with the reply).
  virtual void process(const std::shared_ptr<ConnectionInfo>& connection, InboundFrame frame,
                       ReplyCallback done) = 0;
  // True if `frame` is cheap to handle and never waits on a disk flush, a lock held
  // across I/O or a slow plugin: the network thread that read it then calls
  // process() itself. Handing such a request to a handler thread and its reply back
  // costs two thread wake-ups, more than the work (and most of its latency) on a
  // small machine.
  virtual bool runs_on_network_thread(const ConnectionInfo& /*connection*/,
                                      const InboundFrame& /*frame*/) const {
    return false;
  }
  virtual void on_disconnect(const std::shared_ptr<ConnectionInfo>& /*connection*/) {}
  // The transport is up (after the TLS handshake), before any request is read; sets
  // the connection's initial principal. Throwing refuses the connection.
  virtual void on_connected(const std::shared_ptr<ConnectionInfo>& /*connection*/) {}
};

}  // namespace skiff::kernel::net

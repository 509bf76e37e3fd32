// The seam between the network layer and request handling: a connection hands each
// complete request frame to the processor and gets back what to send.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kernel/net/outbound_frame.h"
#include "skiff/sdk/security.h"

namespace skiff::kernel::net {

// What a connection knows about itself; handlers read it, authentication updates it.
struct ConnectionInfo {
  uint64_t id = 0;
  sdk::ConnectionIdentity identity;
  bool plaintext = true;  // sendfile allowed
};

struct InboundFrame {
  std::shared_ptr<std::vector<uint8_t>> buffer;  // the request, without the size prefix
};

struct Reply {
  enum class Kind { kRespond, kNoResponse, kClose };
  Kind kind = Kind::kRespond;
  OutboundFrame frame;
  std::string close_reason;  // logged when kind == kClose

  static Reply respond(OutboundFrame f) { return Reply{Kind::kRespond, std::move(f), {}}; }
  static Reply none() { return Reply{Kind::kNoResponse, {}, {}}; }
  static Reply close(std::string why) { return Reply{Kind::kClose, {}, std::move(why)}; }
};

using ReplyCallback = std::function<void(Reply)>;

class RequestProcessor {
 public:
  virtual ~RequestProcessor() = default;
  // Called for each request of a connection, one at a time, in arrival order; the
  // next one is not processed until `done` is called (from any thread).
  virtual void process(const std::shared_ptr<ConnectionInfo>& connection, InboundFrame frame,
                       ReplyCallback done) = 0;
  virtual void on_disconnect(const std::shared_ptr<ConnectionInfo>& /*connection*/) {}
};

}  // namespace skiff::kernel::net

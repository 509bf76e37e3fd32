// The request handler extension point: a plugin serving a Kafka API the kernel does
// not (a vendor API on a key Kafka leaves unused, or a standard API Skiff lacks).
// Every registered handler is routed its api key after the plugins started; startup
// fails if two handlers, or a handler and the kernel, claim the same key, since a
// silent winner would hide a broken deployment. Requests go through the kernel's
// own dispatch path: the connection's authentication state, ordering per
// connection, request metrics and the request log (log.request.apis takes `name`);
// ApiVersions advertises [min_version, max_version], and other versions are refused
// the way the kernel refuses them for its own APIs (the connection is closed).
//
// Authorization is the handler's business: the kernel cannot know what the request
// touches. It gets the connection's identity and may ask the selected authorizer
// (host.extensions().find<Authorizer>()) itself.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skiff/sdk/security.h"

namespace skiff::sdk {

// What a handler serves. The kernel reads it once, at startup.
struct RequestHandlerApi {
  int16_t api_key = -1;
  // Names the API in metrics (request="<name>"), the request log and log.request.apis.
  std::string name;
  int16_t min_version = 0;
  int16_t max_version = 0;
  // Versions from this one on use the flexible headers (request header v2, response
  // header v1, with tagged fields); -1 if no version does. For an api key Kafka
  // defines, it must match Kafka's (the kernel parses those headers itself).
  int16_t first_flexible_version = -1;
};

// The request being served: its header and who sent it.
struct HandlerRequest {
  int16_t api_version = 0;
  int32_t correlation_id = 0;
  std::string client_id;
  ConnectionIdentity identity;  // principal, peer, listener, security protocol
};

// A handler's answer: the response body (what follows the response header, which the
// kernel writes), or a non-empty `close_reason` to close the connection instead (the
// reason is logged) — what Kafka does with a request it cannot parse.
struct HandlerResponse {
  std::vector<uint8_t> body;
  std::string close_reason;
};

// Called exactly once per request, from any thread, now or later; later calls are
// ignored. The connection's next request waits for it.
using HandlerCompletion = std::function<void(HandlerResponse)>;

class RequestHandler {
 public:
  static constexpr std::string_view kExtensionPoint = "request.handler";
  virtual ~RequestHandler() = default;

  virtual RequestHandlerApi api() const = 0;
  // Serves one request of a supported version. `body` is the request after its
  // header and stays valid until `done` is called. Runs on a request handler thread
  // (num.io.threads): long work should complete `done` from elsewhere. Throwing
  // closes the connection and logs the error.
  virtual void handle(const HandlerRequest& request, std::span<const uint8_t> body,
                      HandlerCompletion done) = 0;
};

}  // namespace skiff::sdk

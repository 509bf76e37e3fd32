// The table of implemented Kafka APIs: for each api key the versions Skiff serves
// and the function that decodes the request and runs its handler. ApiVersions
// answers from this table, so only what is implemented is advertised. Plugins'
// APIs (sdk::RequestHandler) join it at startup, possibly on keys Kafka does not
// define; the table is read-only once the broker serves requests.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kernel/protocol/api_key_map.h"
#include "kernel/protocol/wire/reader.h"
#include "kernel/server/request_context.h"
#include "kernel/server/responder.h"

namespace skiff::kernel::server {

class HandlerTable {
 public:
  using Invoker = std::function<void(RequestContext&, protocol::Reader&,
                                     std::shared_ptr<ReplyTarget>)>;
  // Where a handler runs. kNetwork is for handlers that only compute and touch the
  // page cache (produce appends, fetch slices): the network thread that read the
  // request runs them, saving two thread hand-offs. Anything that may wait (fsync,
  // the controller's store, plugins, authentication) stays on the I/O threads.
  enum class Thread { kIo, kNetwork };
  struct Entry {
    int16_t api_key = -1;
    int16_t min_version = 0;
    int16_t max_version = -1;
    // What ApiVersions shows as the floor; below min_version only for KAFKA-18659.
    int16_t advertised_min_version = 0;
    Invoker invoke;
    Thread thread = Thread::kIo;
    // Plugins' APIs: the API's name (metrics, request log), the plugin serving it,
    // and for keys Kafka does not define the first flexible version (their header
    // versions follow from it; -1: none). Empty / unused for the kernel's own.
    std::string name;
    std::string plugin;
    int16_t first_flexible_version = -1;
  };

  template <class Request, class Response>
  void add(int16_t min_version, int16_t max_version,
           void (*handler)(RequestContext&, Request&, Responder<Response>),
           Thread thread = Thread::kIo) {
    static_assert(Request::kApiKey >= 0);
    Entry& e = entries_[Request::kApiKey];
    e.api_key = Request::kApiKey;
    e.thread = thread;
    e.min_version = std::max<int16_t>(min_version, Request::kMinVersion);
    e.advertised_min_version = e.min_version;
    e.max_version = std::min<int16_t>(max_version, Request::kMaxVersion);
    e.invoke = [handler](RequestContext& ctx, protocol::Reader& body,
                         std::shared_ptr<ReplyTarget> target) {
      Request request;
      request.decode(body, ctx.api_version);
      handler(ctx, request, Responder<Response>(std::move(target)));
    };
  }

  // Advertise a lower floor than is served. Kafka 4 does this for Produce
  // (KAFKA-18659): librdkafka stops compressing with gzip/snappy/lz4 when Produce
  // v0-2 are not advertised, yet those versions are still refused when sent.
  void advertise_from(int16_t api_key, int16_t version) {
    entries_[api_key].advertised_min_version = version;
  }

  // Adds a fully described entry (a plugin's API). Throws std::invalid_argument if
  // its api key is negative or already served.
  void add_entry(Entry entry);
  // Drops plugins' entries (they hold plugin objects) before plugins unload.
  void remove_plugin_entries();

  // Null when the api key is not implemented.
  const Entry* find(int16_t api_key) const { return entries_.find(api_key); }

  struct HeaderVersions {
    int16_t request = -1;  // -1: an api key nobody defines (only key, version, id parsed)
    int16_t response = 0;
  };
  // The header versions of a request: Kafka's for the APIs it defines, else those
  // that `entry` (a plugin's API, may be null) implies by its first flexible version.
  static HeaderVersions header_versions(const Entry* entry, int16_t api_key,
                                        int16_t api_version);
  // By api key.
  std::vector<const Entry*> implemented() const {
    std::vector<const Entry*> out;
    entries_.for_each([&out](int16_t, const Entry& e) { out.push_back(&e); });
    return out;
  }

 private:
  protocol::ApiKeyMap<Entry> entries_;
};

// Registers every handler in kernel/server/handlers/ (handlers/register_all.cpp).
void register_all_handlers(HandlerTable& table);

}  // namespace skiff::kernel::server

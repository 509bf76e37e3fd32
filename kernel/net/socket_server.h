// Accepts connections on every configured listener and owns the live connections,
// so shutdown can drain them and metrics can count them per listener.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "kernel/net/connection.h"
#include "kernel/net/listener_spec.h"
#include "kernel/runtime/runtime.h"

namespace skiff::kernel::net {

class SocketServer final : public ConnectionObserver {
 public:
  SocketServer(Runtime& runtime, RequestProcessor& processor, ConnectionLimits limits,
               sdk::Logger& logger);
  ~SocketServer() override;

  // The TLS context of an SSL or SASL_SSL listener, set before start() and replaced
  // on reload: new connections use the latest, established ones keep theirs.
  void set_tls_context(const std::string& listener_name,
                       std::shared_ptr<boost::asio::ssl::context> context);

  // Binds every listener; throws std::runtime_error naming the listener on failure
  // (including a TLS listener without a context).
  // A listener with port 0 gets an ephemeral port (see bound_port).
  void start(const std::vector<ListenerSpec>& listeners);
  // Stops accepting and drains connections, waiting up to `timeout`.
  void stop(std::chrono::milliseconds timeout);

  uint16_t bound_port(const std::string& listener_name) const;
  size_t connection_count() const;
  // Open connections by listener name (every listener, even with none).
  std::map<std::string, size_t> connection_counts() const;

  void on_closed(uint64_t connection_id) override;

 private:
  struct Listener {
    ListenerSpec spec;
    std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor;
    uint16_t bound_port = 0;
  };
  void accept(Listener& listener);

  Runtime& runtime_;
  RequestProcessor& processor_;
  ConnectionLimits limits_;
  sdk::Logger& logger_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  mutable std::mutex mutex_;
  std::map<uint64_t, std::shared_ptr<Connection>> connections_;
  std::map<std::string, std::shared_ptr<boost::asio::ssl::context>> tls_contexts_;  // by listener
  std::atomic<uint64_t> next_id_{1};
  std::atomic<bool> stopping_{false};
};

}  // namespace skiff::kernel::net

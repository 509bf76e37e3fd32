#include "kernel/net/socket_server.h"

#include <condition_variable>
#include <stdexcept>
#include <thread>

#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>

namespace skiff::kernel::net {

namespace asio = boost::asio;
using asio::ip::tcp;

SocketServer::SocketServer(Runtime& runtime, RequestProcessor& processor, ConnectionLimits limits,
                           sdk::Logger& logger)
    : runtime_(runtime), processor_(processor), limits_(limits), logger_(logger) {}

SocketServer::~SocketServer() { stop(std::chrono::milliseconds(0)); }

namespace {
bool uses_tls(const ListenerSpec& spec) {
  return spec.security_protocol == "SSL" || spec.security_protocol == "SASL_SSL";
}
}  // namespace

void SocketServer::set_tls_context(const std::string& listener_name,
                                   std::shared_ptr<asio::ssl::context> context) {
  std::lock_guard lock(mutex_);
  tls_contexts_[listener_name] = std::move(context);
}

void SocketServer::start(const std::vector<ListenerSpec>& specs) {
  for (const auto& spec : specs) {
    if (uses_tls(spec)) {
      std::lock_guard lock(mutex_);
      if (!tls_contexts_.contains(spec.name)) {
        throw std::runtime_error("listener " + spec.name + " (" + spec.security_protocol +
                                 ") has no TLS configuration");
      }
    }
    auto listener = std::make_unique<Listener>();
    listener->spec = spec;
    boost::system::error_code ec;
    auto address = spec.host.empty() ? asio::ip::address(asio::ip::address_v6::any())
                                     : asio::ip::make_address(spec.host, ec);
    if (ec) {
      // A host name rather than an address: resolve it once.
      tcp::resolver resolver(runtime_.control());
      auto results = resolver.resolve(spec.host, std::to_string(spec.port), ec);
      if (ec || results.empty()) {
        throw std::runtime_error("listener " + spec.name + ": cannot resolve host '" + spec.host +
                                 "': " + ec.message());
      }
      address = results.begin()->endpoint().address();
    }
    tcp::endpoint endpoint(address, spec.port);
    auto acceptor = std::make_unique<tcp::acceptor>(runtime_.control());
    acceptor->open(endpoint.protocol(), ec);
    if (!ec && address.is_v6() && spec.host.empty()) {
      acceptor->set_option(asio::ip::v6_only(false), ec);
    }
    if (!ec) acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor->bind(endpoint, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      throw std::runtime_error("listener " + spec.name + " cannot bind " +
                               (spec.host.empty() ? std::string("*") : spec.host) + ":" +
                               std::to_string(spec.port) + ": " + ec.message());
    }
    listener->bound_port = acceptor->local_endpoint().port();
    listener->acceptor = std::move(acceptor);
    logger_.info("listening on " + spec.name + " (" + spec.security_protocol + ") port " +
                 std::to_string(listener->bound_port));
    listeners_.push_back(std::move(listener));
  }
  for (auto& listener : listeners_) accept(*listener);
}

void SocketServer::accept(Listener& listener) {
  auto& io = runtime_.next_network_context();
  listener.acceptor->async_accept(io, [this, &listener](const boost::system::error_code& ec,
                                                       tcp::socket socket) {
    if (stopping_) return;
    if (ec) {
      if (ec != asio::error::operation_aborted) {
        logger_.warn("accept on " + listener.spec.name + " failed: " + ec.message());
        accept(listener);
      }
      return;
    }
    auto info = std::make_shared<ConnectionInfo>();
    info->id = next_id_++;
    boost::system::error_code peer_ec;
    auto peer = socket.remote_endpoint(peer_ec);
    info->identity.client_host = peer_ec ? "unknown" : peer.address().to_string();
    info->identity.listener = listener.spec.name;
    info->identity.security_protocol = listener.spec.security_protocol;
    info->plaintext = !uses_tls(listener.spec);
    std::shared_ptr<Connection> connection;
    {
      std::lock_guard lock(mutex_);
      std::shared_ptr<asio::ssl::context> tls;
      if (!info->plaintext) tls = tls_contexts_[listener.spec.name];
      connection = std::make_shared<Connection>(std::move(socket), info, limits_, processor_,
                                                runtime_.io_pool().get_executor(), *this, logger_,
                                                std::move(tls));
      connections_[info->id] = connection;
    }
    info->close = [weak = std::weak_ptr<Connection>(connection)](std::string reason) {
      if (auto c = weak.lock()) c->close_now(std::move(reason));
    };
    asio::post(connection->executor(), [connection] { connection->start(); });
    accept(listener);
  });
}

void SocketServer::on_closed(uint64_t connection_id) {
  std::lock_guard lock(mutex_);
  connections_.erase(connection_id);
}

size_t SocketServer::connection_count() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

std::map<std::string, size_t> SocketServer::connection_counts() const {
  std::map<std::string, size_t> out;
  for (const auto& l : listeners_) out[l->spec.name] = 0;
  std::lock_guard lock(mutex_);
  for (const auto& [id, c] : connections_) ++out[c->listener()];
  return out;
}

uint16_t SocketServer::bound_port(const std::string& listener_name) const {
  for (const auto& l : listeners_) {
    if (l->spec.name == listener_name) return l->bound_port;
  }
  return 0;
}

void SocketServer::stop(std::chrono::milliseconds timeout) {
  if (stopping_.exchange(true)) return;
  for (auto& l : listeners_) {
    asio::post(runtime_.control(), [acc = l->acceptor.get()] {
      boost::system::error_code ec;
      acc->close(ec);
    });
  }
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, c] : connections_) live.push_back(c);
  }
  for (auto& c : live) c->drain();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (connection_count() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  {
    std::lock_guard lock(mutex_);
    live.clear();
    for (auto& [id, c] : connections_) live.push_back(c);
  }
  for (auto& c : live) c->close_now("shutdown timeout reached");
}

}  // namespace skiff::kernel::net

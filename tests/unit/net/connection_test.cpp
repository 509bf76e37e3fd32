// net::Connection over loopback TCP with a stand-in RequestProcessor: requests the
// processor marks cheap run on the connection's network thread, the others on the
// handler pool, and pipelined replies come back in request order either way.
#include <array>
#include <atomic>
#include <future>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/write.hpp>
#include <catch2/catch.hpp>

#include "kernel/net/connection.h"

namespace asio = boost::asio;
using asio::ip::tcp;
using skiff::kernel::net::Connection;
using skiff::kernel::net::ConnectionInfo;
using skiff::kernel::net::ConnectionLimits;
using skiff::kernel::net::ConnectionObserver;
using skiff::kernel::net::InboundFrame;
using skiff::kernel::net::OutboundFrame;
using skiff::kernel::net::Reply;
using skiff::kernel::net::ReplyCallback;
using skiff::kernel::net::RequestProcessor;

namespace {

struct SilentLogger : skiff::sdk::Logger {
  bool enabled(skiff::sdk::LogLevel) const override { return false; }
  void write(skiff::sdk::LogLevel, std::string_view) override {}
};

struct NoObserver : ConnectionObserver {
  void on_closed(uint64_t) override {}
};

// A request is one byte: 'n' runs on the network thread and answers at once, 'p'
// runs on the pool and answers after a pause (so a later 'n' is ready first). The
// reply echoes the byte.
class EchoProcessor : public RequestProcessor {
 public:
  void process(const std::shared_ptr<ConnectionInfo>&, InboundFrame frame,
               ReplyCallback done) override {
    const uint8_t kind = (*frame.buffer)[0];
    {
      std::lock_guard lock(mutex_);
      ran_on_network_thread_.push_back(frame.on_network_thread);
      ran_on_.push_back(std::this_thread::get_id());
    }
    if (kind == 'p') std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::vector<uint8_t> reply{0, 0, 0, 1, kind};
    done(Reply::respond(OutboundFrame(std::move(reply), {})));
  }
  bool runs_on_network_thread(const ConnectionInfo&, const InboundFrame& frame) const override {
    return (*frame.buffer)[0] == 'n';
  }

  std::vector<bool> ran_on_network_thread() const {
    std::lock_guard lock(mutex_);
    return ran_on_network_thread_;
  }
  std::vector<std::thread::id> ran_on() const {
    std::lock_guard lock(mutex_);
    return ran_on_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<bool> ran_on_network_thread_;
  std::vector<std::thread::id> ran_on_;
};

// 'b' blocks its handler thread until release() (on the pool); 'n' answers at once
// on the network thread. Replies echo the byte.
class BlockingProcessor : public RequestProcessor {
 public:
  void process(const std::shared_ptr<ConnectionInfo>&, InboundFrame frame,
               ReplyCallback done) override {
    const uint8_t kind = (*frame.buffer)[0];
    if (kind == 'b') {
      started_.fetch_add(1);
      released_.wait();
    }
    std::vector<uint8_t> reply{0, 0, 0, 1, kind};
    done(Reply::respond(OutboundFrame(std::move(reply), {})));
  }
  bool runs_on_network_thread(const ConnectionInfo&, const InboundFrame& frame) const override {
    return (*frame.buffer)[0] == 'n';
  }
  void release() { release_.set_value(); }
  // How many 'b' requests a handler thread has taken.
  int started() const { return started_.load(); }

 private:
  std::atomic<int> started_{0};
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
};

void send_request(tcp::socket& client, char kind) {
  const std::array<uint8_t, 5> request{0, 0, 0, 1, static_cast<uint8_t>(kind)};
  asio::write(client, asio::buffer(request));
}

char read_reply(tcp::socket& client) {
  std::array<uint8_t, 5> reply{};
  asio::read(client, asio::buffer(reply));
  return static_cast<char>(reply[4]);
}

// Whether `client` has bytes to read within `wait`.
bool reply_arrives_within(tcp::socket& client, std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < deadline) {
    if (client.available() > 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return client.available() > 0;
}

}  // namespace

TEST_CASE("cheap requests run on the network thread, replies stay in request order",
          "[connection]") {
  // Declared before the contexts: connections that outlive the test's handles are
  // destroyed with the contexts, and hold references to these.
  EchoProcessor processor;
  NoObserver observer;
  SilentLogger logger;
  asio::io_context network;
  asio::thread_pool handlers(1);

  tcp::acceptor acceptor(network, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  std::shared_ptr<Connection> connection;
  acceptor.async_accept([&](const boost::system::error_code& ec, tcp::socket socket) {
    REQUIRE_FALSE(ec);
    connection = std::make_shared<Connection>(std::move(socket), std::make_shared<ConnectionInfo>(),
                                              ConnectionLimits{}, processor,
                                              handlers.get_executor(), observer, logger);
    connection->start();
  });
  std::thread::id network_thread;
  std::thread runner([&] {
    network_thread = std::this_thread::get_id();
    auto guard = asio::make_work_guard(network);
    network.run();
  });

  asio::io_context client_context;
  tcp::socket client(client_context);
  client.connect(acceptor.local_endpoint());
  const std::string kinds = "pnpnnp";
  std::vector<uint8_t> requests;  // all pipelined in one write
  for (char kind : kinds) {
    for (uint8_t b : {0, 0, 0, 1}) requests.push_back(b);
    requests.push_back(static_cast<uint8_t>(kind));
  }
  asio::write(client, asio::buffer(requests));

  std::string replies;
  for (size_t i = 0; i < kinds.size(); ++i) {
    std::array<uint8_t, 5> reply{};
    asio::read(client, asio::buffer(reply));
    CHECK(reply[3] == 1);
    replies.push_back(static_cast<char>(reply[4]));
  }
  CHECK(replies == kinds);

  client.close();
  network.stop();
  runner.join();
  handlers.join();

  const auto on_network = processor.ran_on_network_thread();
  const auto ran_on = processor.ran_on();
  REQUIRE(on_network.size() == kinds.size());
  for (size_t i = 0; i < kinds.size(); ++i) {
    const bool cheap = kinds[i] == 'n';
    CHECK(on_network[i] == cheap);
    CHECK((ran_on[i] == network_thread) == cheap);
  }
}

TEST_CASE("a full handler queue stops reading new requests until handlers catch up",
          "[connection]") {
  BlockingProcessor processor;
  NoObserver observer;
  SilentLogger logger;
  asio::io_context network;
  asio::thread_pool handlers(1);
  ConnectionLimits limits;
  limits.handler_queue = std::make_shared<skiff::kernel::net::HandlerQueue>(1);

  tcp::acceptor acceptor(network, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  std::vector<std::shared_ptr<Connection>> connections;
  std::function<void()> accept_next = [&] {
    acceptor.async_accept([&](const boost::system::error_code& ec, tcp::socket socket) {
      if (ec) return;
      connections.push_back(std::make_shared<Connection>(
          std::move(socket), std::make_shared<ConnectionInfo>(), limits, processor,
          handlers.get_executor(), observer, logger));
      connections.back()->start();
      accept_next();
    });
  };
  accept_next();
  std::thread runner([&] {
    auto guard = asio::make_work_guard(network);
    network.run();
  });

  asio::io_context client_context;
  tcp::socket a(client_context), b(client_context), c(client_context);
  for (tcp::socket* s : {&a, &b, &c}) s->connect(acceptor.local_endpoint());

  // c works while the queue has room.
  send_request(c, 'n');
  CHECK(read_reply(c) == 'n');
  // One 'b' occupies the only handler thread and the other waits for it: the queue
  // is full. Waiting for both conditions matters: the first request also counts as
  // waiting until the handler thread takes it.
  send_request(a, 'b');
  send_request(b, 'b');
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while ((processor.started() < 1 || limits.handler_queue->waiting() < 1) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(limits.handler_queue->full());
  // c's next request is not read, so not answered, although it needs no handler.
  send_request(c, 'n');
  CHECK_FALSE(reply_arrives_within(c, std::chrono::milliseconds(200)));

  processor.release();
  CHECK(read_reply(a) == 'b');
  CHECK(read_reply(b) == 'b');
  CHECK(read_reply(c) == 'n');
  CHECK(limits.handler_queue->waiting() == 0);

  for (tcp::socket* s : {&a, &b, &c}) s->close();
  network.stop();
  runner.join();
  handlers.join();
}

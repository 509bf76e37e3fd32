// One client connection: reads size-prefixed request frames (read-ahead bounded by
// `max_in_flight`), hands them to the RequestProcessor one at a time (on a request
// handler thread, or on this network thread for those the processor says are cheap),
// and writes the replies in request order. A request may release its turn before it replies
// (Reply::released(): a produce waiting only for its fsync), so the next one starts
// while its reply is pending; replies still go out in request order. Over a plain socket file slices go out with sendfile(2);
// over TLS (an asio::ssl::stream, handshake first) they are read into memory.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>

#include "kernel/net/handler_queue.h"
#include "kernel/net/request_processor.h"
#include "skiff/sdk/log.h"

namespace skiff::kernel::net {

struct ConnectionLimits {
  int32_t max_request_bytes = 104857600;  // socket.request.max.bytes
  size_t max_in_flight = 16;              // requests read ahead + replies not yet sent
  std::chrono::milliseconds max_idle{600000};  // connections.max.idle.ms
  // Shared by every connection (queued.max.requests); null: unbounded.
  std::shared_ptr<HandlerQueue> handler_queue;
};

class ConnectionObserver {
 public:
  virtual ~ConnectionObserver() = default;
  virtual void on_closed(uint64_t connection_id) = 0;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, std::shared_ptr<ConnectionInfo> info,
             ConnectionLimits limits, RequestProcessor& processor,
             boost::asio::any_io_executor handler_executor, ConnectionObserver& observer,
             sdk::Logger& logger, std::shared_ptr<boost::asio::ssl::context> tls = nullptr);

  void start();
  // Stop reading new requests; close once in-flight work and writes are done.
  void drain();
  // Close now (from any thread).
  void close_now(std::string reason);

  uint64_t id() const { return info_->id; }
  const std::string& listener() const { return info_->identity.listener; }
  boost::asio::any_io_executor executor() { return socket_.get_executor(); }

 private:
  void read_size();
  void read_body(uint32_t size);
  void maybe_process_next();
  void on_reply(uint64_t sequence, Reply reply);
  // Handles the replies at the head of pending_ that have arrived, in order.
  void deliver_ready_replies();
  void write_next();
  void write_piece();
  void send_file_piece();
  void send_file_piece_tls();
  void on_transport_ready();
  boost::asio::ip::tcp::socket& tcp_socket() { return tls_ ? tls_->next_layer() : socket_; }
  // Runs `f` with the stream requests and replies travel on (TLS or plain socket).
  template <class F>
  void with_stream(F&& f) {
    if (tls_) f(*tls_); else f(socket_);
  }
  void close(const std::string& reason, bool log_as_warning);
  void close_if_idle(const char* reason);
  void arm_idle_timer();
  size_t in_flight() const;
  bool reading_allowed() const;
  // True while the handler queue is full; then resume_reading() reads the waiting
  // body once it has room (checked every 1 ms).
  bool handler_queue_full();
  void resume_reading();

  boost::asio::ip::tcp::socket socket_;  // moved into tls_ on TLS listeners
  std::shared_ptr<boost::asio::ssl::context> tls_context_;
  std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>> tls_;
  std::vector<uint8_t> file_chunk_;  // TLS: the part of a file slice being sent
  std::shared_ptr<ConnectionInfo> info_;
  ConnectionLimits limits_;
  RequestProcessor& processor_;
  boost::asio::any_io_executor handler_executor_;
  ConnectionObserver& observer_;
  sdk::Logger& logger_;
  boost::asio::steady_timer idle_timer_;
  // Retries reading while the handler queue is full.
  boost::asio::steady_timer queue_full_timer_;
  bool waiting_for_queue_ = false;
  std::optional<uint32_t> body_waiting_;  // a request's size is read, its body waits

  uint8_t size_buffer_[4] = {};
  std::deque<InboundFrame> requests_;
  bool reading_ = false;
  bool processing_ = false;         // a request holds the turn (not yet released)
  uint64_t turn_sequence_ = 0;      // the request holding it
  uint64_t next_sequence_ = 0;
  struct PendingReply {
    uint64_t sequence = 0;
    std::optional<Reply> reply;  // set when it arrives, maybe before earlier ones
  };
  std::deque<PendingReply> pending_;  // processed requests, in order, until replied
  bool draining_ = false;
  bool peer_closed_ = false;  // EOF read: finish what was received, then close
  bool closed_ = false;

  std::deque<OutboundFrame> writes_;
  std::deque<std::function<void()>> sent_callbacks_;  // Reply::on_sent, one per writes_ entry
  size_t piece_index_ = 0;
  size_t piece_done_ = 0;  // bytes of the current piece already sent
  bool writing_ = false;
};

}  // namespace skiff::kernel::net

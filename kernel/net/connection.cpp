#include "kernel/net/connection.h"

#include <sys/sendfile.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace skiff::kernel::net {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr size_t kTlsFileChunk = 256 * 1024;

// The subject of the client's verified certificate, RFC 2253 as Kafka shows it.
std::optional<std::string> peer_subject(SSL* ssl) {
  if (SSL_get_verify_result(ssl) != X509_V_OK) return std::nullopt;
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (!cert) return std::nullopt;
  std::string subject;
  if (BIO* bio = BIO_new(BIO_s_mem())) {
    X509_NAME_print_ex(bio, X509_get_subject_name(cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char* data = nullptr;
    long n = BIO_get_mem_data(bio, &data);
    if (n > 0) subject.assign(data, static_cast<size_t>(n));
    BIO_free(bio);
  }
  X509_free(cert);
  return subject;
}

}  // namespace

Connection::Connection(asio::ip::tcp::socket socket, std::shared_ptr<ConnectionInfo> info,
                       ConnectionLimits limits, RequestProcessor& processor,
                       asio::any_io_executor handler_executor, ConnectionObserver& observer,
                       sdk::Logger& logger, std::shared_ptr<asio::ssl::context> tls)
    : socket_(std::move(socket)),
      tls_context_(std::move(tls)),
      info_(std::move(info)),
      limits_(limits),
      processor_(processor),
      handler_executor_(std::move(handler_executor)),
      observer_(observer),
      logger_(logger),
      idle_timer_(socket_.get_executor()),
      queue_full_timer_(socket_.get_executor()) {
  if (tls_context_) {
    tls_ = std::make_unique<asio::ssl::stream<asio::ip::tcp::socket>>(std::move(socket_),
                                                                       *tls_context_);
  }
}

void Connection::start() {
  error_code ec;
  tcp_socket().set_option(asio::ip::tcp::no_delay(true), ec);
  arm_idle_timer();
  if (!tls_) {
    tcp_socket().native_non_blocking(true, ec);  // for sendfile(2)
    on_transport_ready();
    return;
  }
  // The idle timer also bounds the handshake.
  tls_->async_handshake(asio::ssl::stream_base::server,
                        [self = shared_from_this()](const error_code& ec) {
                          if (self->closed_) return;
                          if (ec) {
                            self->close("TLS handshake failed: " + ec.message(), true);
                            return;
                          }
                          self->info_->tls_peer_subject = peer_subject(self->tls_->native_handle());
                          self->on_transport_ready();
                        });
}

void Connection::on_transport_ready() {
  try {
    processor_.on_connected(info_);
  } catch (const std::exception& e) {
    close(std::string("connection refused: ") + e.what(), true);
    return;
  }
  read_size();
}

size_t Connection::in_flight() const {
  return requests_.size() + pending_.size() + writes_.size();
}

bool Connection::reading_allowed() const {
  return !closed_ && !draining_ && !peer_closed_ && !reading_ && !body_waiting_ &&
         in_flight() < limits_.max_in_flight;
}

void Connection::close_if_idle(const char* reason) {
  if (in_flight() == 0 && !writing_) close(reason, false);
}

void Connection::arm_idle_timer() {
  if (limits_.max_idle.count() <= 0) return;
  idle_timer_.expires_after(limits_.max_idle);
  idle_timer_.async_wait([self = shared_from_this()](const error_code& ec) {
    if (ec || self->closed_) return;
    if (self->in_flight() == 0) {
      self->close("idle for longer than connections.max.idle.ms", false);
    } else {
      self->arm_idle_timer();
    }
  });
}

// Polling is crude but only happens while the broker is overloaded, and needs no
// list of paused connections shared between threads.
bool Connection::handler_queue_full() {
  if (!limits_.handler_queue || !limits_.handler_queue->full()) return false;
  if (!waiting_for_queue_) {
    waiting_for_queue_ = true;
    queue_full_timer_.expires_after(std::chrono::milliseconds(1));
    queue_full_timer_.async_wait([self = shared_from_this()](const error_code& ec) {
      self->waiting_for_queue_ = false;
      if (!ec && !self->closed_) self->resume_reading();
    });
  }
  return true;
}

void Connection::resume_reading() {
  if (handler_queue_full()) return;
  const uint32_t size = *body_waiting_;
  body_waiting_.reset();
  read_body(size);
}

void Connection::read_size() {
  if (!reading_allowed()) return;
  reading_ = true;
  auto on_size = [self = shared_from_this()](const error_code& ec, size_t) {
                     self->reading_ = false;
                     if (self->closed_) return;
                     if (ec == asio::error::eof) {
                       // Requests already read still run (acks=0 produce sends and
                       // hangs up); close once they are done.
                       self->peer_closed_ = true;
                       self->close_if_idle("client closed the connection");
                       return;
                     }
                     if (ec) {
                       self->close("read failed: " + ec.message(), false);
                       return;
                     }
                     uint32_t size = (uint32_t(self->size_buffer_[0]) << 24) |
                                     (uint32_t(self->size_buffer_[1]) << 16) |
                                     (uint32_t(self->size_buffer_[2]) << 8) |
                                     uint32_t(self->size_buffer_[3]);
                     // Checked before allocating anything for the body.
                     if (size == 0 || size > uint32_t(self->limits_.max_request_bytes)) {
                       self->close("request size " + std::to_string(int32_t(size)) +
                                       " is outside 1.." +
                                       std::to_string(self->limits_.max_request_bytes) +
                                       " (socket.request.max.bytes)",
                                   true);
                       return;
                     }
                     // Checked here, not before the read: an idle connection
                     // always has a read pending. The body's buffer waits too.
                     if (self->handler_queue_full()) {
                       self->body_waiting_ = size;
                       return;
                     }
                     self->read_body(size);
  };
  with_stream([&](auto& stream) { asio::async_read(stream, asio::buffer(size_buffer_), on_size); });
}

void Connection::read_body(uint32_t size) {
  reading_ = true;
  auto buffer = std::make_shared<FrameBuffer>(size);
  auto on_body = [self = shared_from_this(), buffer](const error_code& ec, size_t) {
                     self->reading_ = false;
                     if (self->closed_) return;
                     if (ec) {
                       self->close("read failed mid-request: " + ec.message(), false);
                       return;
                     }
                     self->arm_idle_timer();
                     self->requests_.push_back(InboundFrame{buffer});
                     self->maybe_process_next();
                     self->read_size();
  };
  with_stream([&](auto& stream) { asio::async_read(stream, asio::buffer(*buffer), on_body); });
}

void Connection::maybe_process_next() {
  if (processing_ || closed_ || requests_.empty()) return;
  processing_ = true;
  const uint64_t sequence = next_sequence_++;
  turn_sequence_ = sequence;
  pending_.push_back(PendingReply{sequence, std::nullopt});
  InboundFrame frame = std::move(requests_.front());
  requests_.pop_front();
  frame.queued_at = std::chrono::steady_clock::now();
  auto self = shared_from_this();
  // The reply always comes back through the socket's executor, even when it is
  // ready at once: on_reply() must not run inside the call that started the request.
  ReplyCallback done = [self, sequence](Reply reply) {
    asio::post(self->socket_.get_executor(), [self, sequence, reply = std::move(reply)]() mutable {
      self->on_reply(sequence, std::move(reply));
    });
  };
  if (processor_.runs_on_network_thread(*info_, frame)) {
    frame.on_network_thread = true;
    processor_.process(info_, std::move(frame), std::move(done));
    return;
  }
  if (limits_.handler_queue) limits_.handler_queue->entered();
  asio::post(handler_executor_, [self, frame = std::move(frame), done = std::move(done)]() mutable {
    if (self->limits_.handler_queue) self->limits_.handler_queue->left();
    self->processor_.process(self->info_, std::move(frame), std::move(done));
  });
}

void Connection::on_reply(uint64_t sequence, Reply reply) {
  // A reply also ends the request's turn, if it had not released it.
  if (processing_ && sequence == turn_sequence_) processing_ = false;
  if (closed_) return;
  if (reply.kind == Reply::Kind::kReleased) {
    maybe_process_next();
    return;
  }
  for (auto& pending : pending_) {
    if (pending.sequence == sequence) {
      pending.reply = std::move(reply);
      break;
    }
  }
  deliver_ready_replies();
  if (closed_) return;
  maybe_process_next();
  read_size();
  if (draining_) close_if_idle("broker shutting down");
  if (peer_closed_) close_if_idle("client closed the connection");
}

void Connection::deliver_ready_replies() {
  while (!closed_ && !pending_.empty() && pending_.front().reply) {
    Reply reply = std::move(*pending_.front().reply);
    pending_.pop_front();
    switch (reply.kind) {
      case Reply::Kind::kClose:
        close(reply.close_reason, true);
        return;
      case Reply::Kind::kNoResponse:
      case Reply::Kind::kReleased:
        break;
      case Reply::Kind::kRespond:
        writes_.push_back(std::move(reply.frame));
        sent_callbacks_.push_back(std::move(reply.on_sent));
        break;
    }
  }
  write_next();
}

void Connection::write_next() {
  if (writing_ || closed_ || writes_.empty()) return;
  writing_ = true;
  piece_index_ = 0;
  piece_done_ = 0;
  write_piece();
}

void Connection::write_piece() {
  if (closed_) return;
  OutboundFrame& frame = writes_.front();
  if (piece_index_ >= frame.pieces().size()) {
    writes_.pop_front();
    writing_ = false;
    std::function<void()> on_sent = std::move(sent_callbacks_.front());
    sent_callbacks_.pop_front();
    if (on_sent) on_sent();
    if (!writes_.empty()) {
      write_next();
    } else if (draining_ || peer_closed_) {
      close_if_idle(draining_ ? "broker shutting down" : "client closed the connection");
      if (closed_) return;
    }
    read_size();  // a reply left the window: reading may resume
    return;
  }
  const auto& piece = frame.pieces()[piece_index_];
  if (piece.is_file()) {
    if (tls_) send_file_piece_tls(); else send_file_piece();
    return;
  }
  auto on_written = [self = shared_from_this()](const error_code& ec, size_t) {
    if (ec) {
      self->close("write failed: " + ec.message(), false);
      return;
    }
    ++self->piece_index_;
    self->write_piece();
  };
  with_stream([&](auto& stream) {
    asio::async_write(stream, asio::buffer(piece.data, piece.size), on_written);
  });
}

// TLS encrypts in user space: the slice is read with pread(2), a chunk at a time.
void Connection::send_file_piece_tls() {
  const sdk::FileSlice& file = *writes_.front().pieces()[piece_index_].file;
  if (piece_done_ >= file.length) {
    piece_done_ = 0;
    ++piece_index_;
    write_piece();
    return;
  }
  size_t want = std::min(kTlsFileChunk, static_cast<size_t>(file.length - piece_done_));
  file_chunk_.resize(want);
  size_t got = 0;
  while (got < want) {
    ssize_t n = ::pread(file.fd, file_chunk_.data() + got, want - got,
                        static_cast<off_t>(file.offset + piece_done_ + got));
    if (n > 0) {
      got += static_cast<size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      close(n == 0 ? "segment file shrank during a fetch response"
                   : std::string("reading a segment failed: ") + std::strerror(errno),
            true);
      return;
    }
  }
  asio::async_write(*tls_, asio::buffer(file_chunk_),
                    [self = shared_from_this(), want](const error_code& ec, size_t) {
                      if (ec) {
                        self->close("write failed: " + ec.message(), false);
                        return;
                      }
                      self->piece_done_ += want;
                      self->send_file_piece_tls();
                    });
}

void Connection::send_file_piece() {
  const sdk::FileSlice& file = *writes_.front().pieces()[piece_index_].file;
  while (piece_done_ < file.length) {
    off_t offset = static_cast<off_t>(file.offset + piece_done_);
    ssize_t n = ::sendfile(tcp_socket().native_handle(), file.fd, &offset, file.length - piece_done_);
    if (n > 0) {
      piece_done_ += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      socket_.async_wait(asio::ip::tcp::socket::wait_write,
                         [self = shared_from_this()](const error_code& ec) {
                           if (ec) {
                             self->close("write failed: " + ec.message(), false);
                             return;
                           }
                           self->send_file_piece();
                         });
      return;
    }
    if (n < 0 && errno == EINTR) continue;
    // n == 0: the file shrank under us (truncation); the frame size is already
    // promised, so the only safe move is to drop the connection.
    close(n == 0 ? "segment file shrank during a fetch response"
                 : std::string("sendfile failed: ") + std::strerror(errno),
          true);
    return;
  }
  piece_done_ = 0;
  ++piece_index_;
  write_piece();
}

void Connection::drain() {
  asio::post(executor(), [self = shared_from_this()] {
    if (self->closed_) return;
    self->draining_ = true;
    self->requests_.clear();  // not yet started: the client will retry elsewhere
    self->close_if_idle("broker shutting down");
  });
}

void Connection::close_now(std::string reason) {
  asio::post(executor(), [self = shared_from_this(), reason = std::move(reason)] {
    self->close(reason, false);
  });
}

void Connection::close(const std::string& reason, bool log_as_warning) {
  if (closed_) return;
  closed_ = true;
  std::string message = "closing connection " + std::to_string(info_->id) + " from " +
                        info_->identity.client_host + " (client id '" +
                        info_->identity.client_id + "'): " + reason;
  if (log_as_warning) {
    logger_.warn(message);
  } else {
    logger_.debug(message);
  }
  error_code ec;
  idle_timer_.cancel();
  queue_full_timer_.cancel();
  tcp_socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  tcp_socket().close(ec);
  requests_.clear();
  writes_.clear();
  sent_callbacks_.clear();
  processor_.on_disconnect(info_);
  observer_.on_closed(info_->id);
}

}  // namespace skiff::kernel::net

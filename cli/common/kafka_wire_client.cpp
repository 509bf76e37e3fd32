// Blocking sockets, optionally wrapped in OpenSSL, carrying size-prefixed frames.
#include "common/kafka_wire_client.h"

#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "common/errors.h"
#include "common/properties.h"
#include "common/sasl_client.h"
#include "kernel/protocol/generated/sasl_authenticate_request.h"
#include "kernel/protocol/generated/sasl_authenticate_response.h"
#include "kernel/protocol/generated/sasl_handshake_request.h"
#include "kernel/protocol/generated/sasl_handshake_response.h"

namespace skiff::cli {

namespace {

std::string ssl_error() {
  char buffer[256] = "unknown error";
  if (unsigned long code = ERR_get_error()) ERR_error_string_n(code, buffer, sizeof buffer);
  return buffer;
}

int connect_to(const std::string& bootstrap) {
  std::string first = bootstrap.substr(0, bootstrap.find(','));
  auto colon = first.rfind(':');
  if (colon == std::string::npos) throw UsageError("--bootstrap-server " + first + " has no port");
  std::string host = first.substr(0, colon), port = first.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* results = nullptr;
  if (int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &results); rc != 0) {
    throw CommandError("cannot resolve " + first + ": " + gai_strerror(rc));
  }
  int fd = -1;
  for (addrinfo* a = results; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd >= 0 && ::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(results);
  if (fd < 0) throw CommandError("cannot connect to " + first + ": " + std::strerror(errno));
  timeval timeout{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return fd;
}

}  // namespace

class WireTransport {
 public:
  WireTransport(int fd, SSL_CTX* ctx, SSL* ssl) : fd_(fd), ctx_(ctx), ssl_(ssl) {}
  ~WireTransport() {
    if (ssl_) SSL_free(ssl_);
    if (ctx_) SSL_CTX_free(ctx_);
    ::close(fd_);
  }
  void write_all(const uint8_t* data, size_t size) {
    while (size > 0) {
      long n = ssl_ ? SSL_write(ssl_, data, static_cast<int>(size)) : ::send(fd_, data, size, MSG_NOSIGNAL);
      if (n <= 0) throw CommandError("connection to the broker lost while sending");
      data += n;
      size -= static_cast<size_t>(n);
    }
  }
  void read_all(uint8_t* data, size_t size) {
    while (size > 0) {
      long n = ssl_ ? SSL_read(ssl_, data, static_cast<int>(size)) : ::recv(fd_, data, size, 0);
      if (n <= 0) throw CommandError("the broker closed the connection (check security.protocol and credentials)");
      data += n;
      size -= static_cast<size_t>(n);
    }
  }

 private:
  int fd_;
  SSL_CTX* ctx_;
  SSL* ssl_;
};

KafkaWireClient::KafkaWireClient(const ParsedArgs& args) {
  std::map<std::string, std::string> props;
  if (auto file = args.value("command-config")) {
    for (const auto& p : read_properties_file(*file)) props[p.key] = p.value;
  }
  std::string protocol = props.contains("security.protocol") ? props["security.protocol"] : "plaintext";
  for (auto& c : protocol) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (protocol != "plaintext" && protocol != "ssl" && protocol != "sasl_plaintext" &&
      protocol != "sasl_ssl") {
    throw UsageError("unknown security.protocol " + protocol);
  }
  std::string bootstrap = args.required("bootstrap-server");
  int fd = connect_to(bootstrap);
  if (protocol == "plaintext" || protocol == "sasl_plaintext") {
    transport_ = std::make_unique<WireTransport>(fd, nullptr, nullptr);
    if (protocol == "sasl_plaintext") authenticate(props);
    return;
  }
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  auto fail = [&](const std::string& what) {
    std::string message = what + ": " + ssl_error();
    SSL_CTX_free(ctx);
    ::close(fd);
    throw CommandError(message);
  };
  if (props.contains("ssl.ca.location")) {
    if (SSL_CTX_load_verify_locations(ctx, props["ssl.ca.location"].c_str(), nullptr) != 1) {
      fail("cannot read ssl.ca.location " + props["ssl.ca.location"]);
    }
  } else {
    SSL_CTX_set_default_verify_paths(ctx);
  }
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  if (props.contains("ssl.key.password")) {
    SSL_CTX_set_default_passwd_cb_userdata(ctx, props["ssl.key.password"].data());
  }
  if (props.contains("ssl.certificate.location") &&
      SSL_CTX_use_certificate_chain_file(ctx, props["ssl.certificate.location"].c_str()) != 1) {
    fail("cannot read ssl.certificate.location");
  }
  if (props.contains("ssl.key.location") &&
      SSL_CTX_use_PrivateKey_file(ctx, props["ssl.key.location"].c_str(), SSL_FILETYPE_PEM) != 1) {
    fail("cannot read ssl.key.location");
  }
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  std::string host = bootstrap.substr(0, bootstrap.find(','));
  host = host.substr(0, host.rfind(':'));
  if (props["ssl.endpoint.identification.algorithm"] != "none") SSL_set1_host(ssl, host.c_str());
  SSL_set_tlsext_host_name(ssl, host.c_str());
  if (SSL_connect(ssl) != 1) {
    SSL_free(ssl);
    fail("TLS handshake with " + host + " failed");
  }
  transport_ = std::make_unique<WireTransport>(fd, ctx, ssl);
  if (protocol == "sasl_ssl") authenticate(props);
}

void KafkaWireClient::authenticate(std::map<std::string, std::string>& props) {
  std::string mechanism = props.contains("sasl.mechanism") ? props["sasl.mechanism"]
                                                           : props["sasl.mechanisms"];
  if (mechanism.empty()) mechanism = "PLAIN";  // librdkafka's default
  protocol::SaslHandshakeRequest handshake;
  handshake.mechanism = mechanism;
  auto offered = call<protocol::SaslHandshakeRequest, protocol::SaslHandshakeResponse>(handshake, 1);
  if (offered.error_code != 0) {
    std::string list;
    for (const auto& m : offered.mechanisms) list += (list.empty() ? "" : ", ") + m;
    throw CommandError("the broker does not offer SASL mechanism " + mechanism + " (it offers: " +
                       list + ")");
  }
  sasl_authenticate(mechanism, props["sasl.username"], props["sasl.password"],
                    [this](const std::string& token) {
                      protocol::SaslAuthenticateRequest request;
                      request.auth_bytes.assign(token.begin(), token.end());
                      auto response = call<protocol::SaslAuthenticateRequest,
                                           protocol::SaslAuthenticateResponse>(request, 2);
                      if (response.error_code != 0) {
                        throw CommandError("SASL authentication failed: " +
                                           response.error_message.value_or("error " +
                                               std::to_string(response.error_code)));
                      }
                      return std::string(response.auth_bytes.begin(), response.auth_bytes.end());
                    });
}

KafkaWireClient::~KafkaWireClient() = default;

std::vector<uint8_t> KafkaWireClient::exchange(const std::vector<uint8_t>& frame,
                                               bool flexible_header) {
  transport_->write_all(frame.data(), frame.size());
  uint8_t size_bytes[4];
  transport_->read_all(size_bytes, 4);
  uint32_t size = (uint32_t(size_bytes[0]) << 24) | (uint32_t(size_bytes[1]) << 16) |
                  (uint32_t(size_bytes[2]) << 8) | uint32_t(size_bytes[3]);
  if (size < 4 || size > (64u << 20)) throw CommandError("malformed response from the broker");
  std::vector<uint8_t> body(size);
  transport_->read_all(body.data(), size);
  protocol::Reader reader(body.data(), body.size());
  if (reader.read_int32() != correlation_id_) throw CommandError("response out of order");
  if (flexible_header) {
    uint32_t tags = reader.read_tagged_field_count();
    for (uint32_t i = 0; i < tags; ++i) {
      uint32_t tag = 0;
      reader.read_tagged_field(tag);
    }
  }
  return std::vector<uint8_t>(body.begin() + static_cast<long>(reader.position()), body.end());
}

}  // namespace skiff::cli

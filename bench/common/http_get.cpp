// http_get_loopback: request, read until the server closes (or Content-Length is
// reached), then split the status line, headers and body.
#include "common/http_get.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "common/bench_error.h"
#include "common/loopback_socket.h"

namespace skiff::bench {
namespace {

void set_timeouts(int fd, double timeout_s) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout_s);
  tv.tv_usec = static_cast<suseconds_t>((timeout_s - static_cast<double>(tv.tv_sec)) * 1e6);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The Content-Length header's value in `headers` (lower-cased), or -1.
long long content_length(const std::string& headers) {
  const std::string name = "\r\ncontent-length:";
  size_t at = headers.find(name);
  return at == std::string::npos ? -1 : std::atoll(headers.c_str() + at + name.size());
}

}  // namespace

HttpResponse http_get_loopback(uint16_t port, const std::string& path, double timeout_s) {
  Fd fd = try_connect_loopback(port);
  if (!fd.valid()) throw_errno("connect to 127.0.0.1:" + std::to_string(port));
  set_timeouts(fd.get(), timeout_s);
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                              "\r\nAccept: text/plain\r\nConnection: close\r\n\r\n";
  if (!write_all(fd.get(), request.data(), request.size())) throw_errno("send GET " + path);

  std::string reply;
  size_t header_end = std::string::npos;
  long long expected = -1;  // whole reply size, once the headers say
  char buffer[65536];
  for (;;) {
    if (expected >= 0 && reply.size() >= static_cast<size_t>(expected)) break;
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw_errno("read reply to GET " + path);
    if (n == 0) break;
    reply.append(buffer, static_cast<size_t>(n));
    if (header_end == std::string::npos && (header_end = reply.find("\r\n\r\n")) != std::string::npos) {
      long long length = content_length(lowercase(reply.substr(0, header_end)));
      if (length >= 0) expected = static_cast<long long>(header_end) + 4 + length;
    }
  }
  if (!reply.starts_with("HTTP/1.") || reply.size() < 12 || header_end == std::string::npos) {
    throw BenchError("GET " + path + ": not an HTTP reply (" + std::to_string(reply.size()) + " bytes)");
  }
  if (expected >= 0 && reply.size() < static_cast<size_t>(expected)) {
    throw BenchError("GET " + path + ": reply cut short before Content-Length");
  }
  HttpResponse out;
  out.status = std::atoi(reply.c_str() + 9);  // "HTTP/1.1 200 OK"
  out.body = reply.substr(header_end + 4);
  return out;
}

}  // namespace skiff::bench

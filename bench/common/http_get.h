// A minimal blocking HTTP/1.1 GET over loopback TCP, enough to scrape the broker's
// metrics endpoint: "Connection: close", the body read to Content-Length or EOF.
#pragma once

#include <cstdint>
#include <string>

namespace skiff::bench {

struct HttpResponse {
  int status = 0;
  std::string body;
};

// GET `path` from 127.0.0.1:`port`. BenchError if nothing accepts, the exchange
// takes longer than `timeout_s` per read or write, or the reply is not HTTP.
HttpResponse http_get_loopback(uint16_t port, const std::string& path, double timeout_s);

}  // namespace skiff::bench

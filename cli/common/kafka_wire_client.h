// A small blocking Kafka-protocol client for the admin requests librdkafka 2.0.2
// cannot send (AlterUserScramCredentials, DescribeUserScramCredentials). It talks to
// the first --bootstrap-server broker over PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
// (librdkafka's property names from --command-config: security.protocol,
// ssl.ca.location, ssl.certificate.location, ssl.key.location, ssl.key.password,
// ssl.endpoint.identification.algorithm, sasl.mechanism(s) PLAIN or SCRAM-SHA-256/512,
// sasl.username, sasl.password) and encodes requests with the broker's own generated
// codec (kernel/protocol).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/args.h"
#include "kernel/protocol/frame.h"
#include "kernel/protocol/wire/reader.h"

namespace skiff::cli {

class WireTransport;

class KafkaWireClient {
 public:
  // Connects (and completes the TLS handshake); CommandError on failure.
  explicit KafkaWireClient(const ParsedArgs& args);
  ~KafkaWireClient();

  template <class Request, class Response>
  Response call(const Request& request, int16_t version) {
    auto writer = protocol::start_request_frame(Request::kApiKey, version, ++correlation_id_,
                                                std::string("skiff-cli"));
    request.encode(writer, version);
    auto body = exchange(protocol::finish_frame(std::move(writer)).flatten(),
                         version >= Request::kFirstFlexibleVersion);
    protocol::Reader reader(body.data(), body.size());
    Response response;
    response.decode(reader, version);
    return response;
  }

 private:
  void authenticate(std::map<std::string, std::string>& props);
  // Sends a frame and returns the response body after its header.
  std::vector<uint8_t> exchange(const std::vector<uint8_t>& frame, bool flexible_header);

  std::unique_ptr<WireTransport> transport_;
  int32_t correlation_id_ = 0;
};

}  // namespace skiff::cli

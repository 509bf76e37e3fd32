// Parsing of Kafka's `listeners` / `advertised.listeners` values
// ("PLAINTEXT://:9092,SSL://host:9093") and `listener.security.protocol.map`.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace skiff::kernel::net {

struct ListenerSpec {
  std::string name;               // "PLAINTEXT", "INTERNAL", ...
  std::string security_protocol;  // PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
  std::string host;               // empty: all interfaces
  uint16_t port = 0;
};

// Throws std::invalid_argument with a message naming the bad entry.
std::vector<ListenerSpec> parse_listeners(std::string_view value,
                                          std::string_view security_protocol_map);

// "A:B,C:D" -> {A:B, C:D}; Kafka's default maps each protocol name to itself.
std::map<std::string, std::string> parse_protocol_map(std::string_view value);

}  // namespace skiff::kernel::net

// Who is asking: principals, and the identity of a connection as authenticators
// and authorizers see it.
#pragma once

#include <string>

namespace skiff::sdk {

// Kafka's KafkaPrincipal: "User:alice". ANONYMOUS on unauthenticated listeners.
struct Principal {
  std::string type = "User";
  std::string name = "ANONYMOUS";
  std::string to_string() const { return type + ":" + name; }
  bool operator==(const Principal&) const = default;
};

struct ConnectionIdentity {
  Principal principal;
  std::string client_host;        // peer address
  std::string listener;           // listener name, e.g. "PLAINTEXT"
  std::string security_protocol;  // PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
  std::string client_id;
};

}  // namespace skiff::sdk

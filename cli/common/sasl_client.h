// The client side of SASL for `skiff users`' Kafka-protocol client: SaslHandshake v1
// then SaslAuthenticate v2 rounds, with PLAIN or SCRAM-SHA-256/512 (RFC 5802) from
// librdkafka-style properties (sasl.mechanism(s), sasl.username, sasl.password).
#pragma once

#include <functional>
#include <string>

namespace skiff::cli {

// Sends one SASL token and returns the server's, or throws CommandError with the
// broker's message when it refuses.
using SaslExchange = std::function<std::string(const std::string& token)>;

// Runs the mechanism to completion; CommandError on failure.
void sasl_authenticate(const std::string& mechanism, const std::string& user,
                       const std::string& password, const SaslExchange& exchange);

}  // namespace skiff::cli

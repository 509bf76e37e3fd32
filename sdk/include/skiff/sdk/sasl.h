// The SASL mechanism extension point: a plugin registers one sdk::SaslMechanism per
// mechanism name ("SCRAM-SHA-256", "PLAIN", "OAUTHBEARER") under that name; the
// kernel runs SaslHandshake/SaslAuthenticate (and Kafka's raw-token framing) and
// feeds each client token to the connection's SaslServerSession until it is done
// or failed. The kernel then builds the principal from the authorization id.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "skiff/sdk/config.h"

namespace skiff::sdk {

struct SaslStep {
  enum class State { kContinue, kDone, kFailed };
  State state = State::kFailed;
  // Sent to the client: the next challenge (kContinue) or the final server message
  // (kDone, e.g. SCRAM's server signature). Never sent on kFailed.
  std::string server_bytes;
  // kDone: the authenticated identity (the principal's name).
  std::string authorization_id;
  // kDone: how long the credential stays valid (OAUTHBEARER: until the token
  // expires); the session ends then unless the client re-authenticates. nullopt:
  // no limit from the credential (connections.max.reauth.ms may still apply).
  std::optional<std::chrono::milliseconds> credential_lifetime;
  // kFailed: why, for the broker's log only; clients are told nothing specific.
  std::string failure_reason;

  static SaslStep next(std::string challenge) {
    SaslStep s;
    s.state = State::kContinue;
    s.server_bytes = std::move(challenge);
    return s;
  }
  static SaslStep done(std::string authorization_id, std::string final_message = {}) {
    SaslStep s;
    s.state = State::kDone;
    s.authorization_id = std::move(authorization_id);
    s.server_bytes = std::move(final_message);
    return s;
  }
  static SaslStep failed(std::string reason) {
    SaslStep s;
    s.state = State::kFailed;
    s.failure_reason = std::move(reason);
    return s;
  }
};

// One authentication exchange on one connection. Called from one thread at a time.
class SaslServerSession {
 public:
  virtual ~SaslServerSession() = default;
  // Must not throw for bad client input: return SaslStep::failed instead.
  virtual SaslStep step(std::string_view client_bytes) = 0;
};

struct SaslSessionContext {
  std::string listener;
  std::string client_host;
  // The configuration as seen by this listener (listener.name.<l>.<key> overrides).
  const ConfigView* listener_config = nullptr;
};

class SaslMechanism {
 public:
  static constexpr std::string_view kExtensionPoint = "sasl.mechanism";
  virtual ~SaslMechanism() = default;
  virtual std::string name() const = 0;
  virtual std::unique_ptr<SaslServerSession> start(const SaslSessionContext& context) = 0;
};

}  // namespace skiff::sdk

// SASL authentication of connections on SASL_PLAINTEXT and SASL_SSL listeners: the
// per-connection state machine (handshake -> authenticate -> authenticated, and
// KIP-368 re-authentication), the mechanisms each listener offers (registered
// sdk::SaslMechanism extensions filtered by sasl.enabled.mechanisms), session
// lifetimes (connections.max.reauth.ms, credential expiry), principals, and the
// delayed, uninformative answer to a failed authentication.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/any_io_executor.hpp>

#include "kernel/net/request_processor.h"
#include "kernel/plugin/extension_registry.h"
#include "kernel/security/auth_failure_delays.h"
#include "skiff/sdk/config.h"
#include "skiff/sdk/error_code.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/principal_builder.h"
#include "skiff/sdk/sasl.h"

namespace skiff::kernel::security {

class SaslAuthenticator;

// When a session ends; read by the expiry timer while requests may move it.
class SessionDeadline {
 public:
  using Clock = std::chrono::steady_clock;
  void reset() { at_.store(0); }
  void set(Clock::time_point t) { at_.store(std::max<Clock::rep>(t.time_since_epoch().count(), 1)); }
  std::optional<Clock::time_point> get() const {
    auto v = at_.load();
    if (v == 0) return std::nullopt;
    return Clock::time_point(Clock::duration(v));
  }

 private:
  std::atomic<Clock::rep> at_{0};
};

// A SASL connection's progress. Requests of one connection run one at a time; only
// `stage` and `expires` are also read by the session expiry timer.
class SaslConnectionState final : public net::SecurityState {
 public:
  enum class Stage { kHandshake, kAuthenticate, kAuthenticated, kFailed };

  explicit SaslConnectionState(SaslAuthenticator& authenticator) : authenticator(authenticator) {}
  // Null when the connection is not on a SASL listener.
  static SaslConnectionState* of(const net::ConnectionInfo& connection) {
    return dynamic_cast<SaslConnectionState*>(connection.security.get());
  }
  // Whether a request with `api_key` may run now; sets `why` when not.
  bool allows(int16_t api_key, std::string& why) const;

  SaslAuthenticator& authenticator;
  std::atomic<Stage> stage{Stage::kHandshake};
  bool raw_tokens = false;  // after SaslHandshake v0: tokens without Kafka headers
  bool reauthenticating = false;
  std::string mechanism;
  std::unique_ptr<sdk::SaslServerSession> session;
  SessionDeadline expires;
};

struct SaslHandshakeOutcome {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  std::vector<std::string> mechanisms;
};

struct SaslAuthenticateOutcome {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  std::string message;  // empty: none
  std::string server_bytes;
  int64_t session_lifetime_ms = 0;
  std::chrono::milliseconds delay{0};  // wait this long before answering
};

class SaslAuthenticator {
 public:
  // Everything passed must outlive the authenticator.
  SaslAuthenticator(const sdk::ConfigView& config, const ExtensionRegistryImpl& registry,
                    std::shared_ptr<sdk::PrincipalBuilder> builder,
                    boost::asio::any_io_executor timers, sdk::Logger& logger);

  // Gives a connection on a SASL listener its state (before its first request).
  void attach(net::ConnectionInfo& connection);
  // The mechanisms `listener` offers, in sasl.enabled.mechanisms order.
  std::vector<std::string> mechanisms(const std::string& listener) const;
  // Problems with the SASL setup of `listener` (e.g. a mechanism no plugin provides).
  std::vector<std::string> check_listener(const std::string& listener) const;

  SaslHandshakeOutcome handshake(net::ConnectionInfo& connection, const std::string& mechanism,
                                 int16_t version);
  SaslAuthenticateOutcome authenticate(net::ConnectionInfo& connection, std::string_view token);

  // Runs `task` after `delay` on the timer executor (now if delay is zero).
  void after(std::chrono::milliseconds delay, std::function<void()> task);

 private:
  SaslAuthenticateOutcome fail(net::ConnectionInfo& connection, SaslConnectionState& state,
                               const std::string& reason);
  std::vector<std::string> registered() const;

  const sdk::ConfigView& config_;
  const ExtensionRegistryImpl& registry_;
  std::shared_ptr<sdk::PrincipalBuilder> builder_;
  boost::asio::any_io_executor timers_;
  sdk::Logger& logger_;
  AuthFailureDelays delays_;
};

}  // namespace skiff::kernel::security

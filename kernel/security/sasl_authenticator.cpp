#include "kernel/security/sasl_authenticator.h"

#include <algorithm>

#include <boost/asio/steady_timer.hpp>

#include "kernel/security/security_config_keys.h"
#include "skiff/sdk/listener_config.h"

namespace skiff::kernel::security {

namespace {

using sdk::ErrorCode;
using Stage = SaslConnectionState::Stage;
constexpr int16_t kSaslHandshake = 17;
constexpr int16_t kApiVersions = 18;
constexpr int16_t kSaslAuthenticate = 36;

}  // namespace

bool SaslConnectionState::allows(int16_t api_key, std::string& why) const {
  bool sasl_api = api_key == kSaslHandshake || api_key == kSaslAuthenticate;
  switch (stage) {
    case Stage::kAuthenticated:
      if (auto end = expires.get(); end && std::chrono::steady_clock::now() >= *end && !sasl_api) {
        why = "SASL session expired without re-authentication";
        return false;
      }
      return true;
    case Stage::kFailed:
      why = "request after a failed SASL authentication";
      return false;
    default:
      if (sasl_api || api_key == kApiVersions) return true;
      why = "api key " + std::to_string(api_key) + " before SASL authentication";
      return false;
  }
}

SaslAuthenticator::SaslAuthenticator(const sdk::ConfigView& config,
                                     const ExtensionRegistryImpl& registry,
                                     std::shared_ptr<sdk::PrincipalBuilder> builder,
                                     boost::asio::any_io_executor timers, sdk::Logger& logger)
    : config_(config),
      registry_(registry),
      builder_(std::move(builder)),
      timers_(std::move(timers)),
      logger_(logger) {}

void SaslAuthenticator::attach(net::ConnectionInfo& connection) {
  connection.security = std::make_shared<SaslConnectionState>(*this);
}

std::vector<std::string> SaslAuthenticator::registered() const {
  return registry_.names(sdk::SaslMechanism::kExtensionPoint);
}

std::vector<std::string> SaslAuthenticator::mechanisms(const std::string& listener) const {
  auto loaded = registered();
  auto enabled = sdk::ListenerConfigView(config_, listener)
                     .get_list(security_keys::kSaslEnabledMechanisms);
  if (enabled.empty()) return loaded;
  std::vector<std::string> out;
  for (const auto& m : enabled) {
    if (std::find(loaded.begin(), loaded.end(), m) != loaded.end()) out.push_back(m);
  }
  return out;
}

std::vector<std::string> SaslAuthenticator::check_listener(const std::string& listener) const {
  std::vector<std::string> problems;
  auto loaded = registered();
  std::string loaded_text;
  for (const auto& m : loaded) loaded_text += (loaded_text.empty() ? "" : ", ") + m;
  if (loaded_text.empty()) loaded_text = "none (no SASL plugin on plugin.path)";
  for (const auto& m : sdk::ListenerConfigView(config_, listener)
                           .get_list(security_keys::kSaslEnabledMechanisms)) {
    if (std::find(loaded.begin(), loaded.end(), m) == loaded.end()) {
      problems.push_back("listener " + listener + ": sasl.enabled.mechanisms names " + m +
                         ", which no loaded plugin provides; loaded: " + loaded_text);
    }
  }
  if (problems.empty() && mechanisms(listener).empty()) {
    problems.push_back("listener " + listener + " uses SASL but no mechanism is available; loaded: " +
                       loaded_text);
  }
  return problems;
}

SaslHandshakeOutcome SaslAuthenticator::handshake(net::ConnectionInfo& connection,
                                                  const std::string& mechanism, int16_t version) {
  auto* state = SaslConnectionState::of(connection);
  SaslHandshakeOutcome out;
  if (!state || (state->stage != Stage::kHandshake && state->stage != Stage::kAuthenticated)) {
    out.error = ErrorCode::kIllegalSaslState;
    return out;
  }
  const std::string& listener = connection.identity.listener;
  out.mechanisms = mechanisms(listener);
  bool reauth = state->stage == Stage::kAuthenticated;
  if (std::find(out.mechanisms.begin(), out.mechanisms.end(), mechanism) == out.mechanisms.end() ||
      (reauth && mechanism != state->mechanism)) {
    logger_.warn("client " + connection.identity.client_host + " on listener " + listener +
                 " asked for SASL mechanism '" + mechanism + "', which is not enabled" +
                 (reauth ? " (or differs from its first authentication)" : ""));
    out.error = ErrorCode::kUnsupportedSaslMechanism;
    state->stage = Stage::kFailed;
    return out;
  }
  auto implementation = registry_.find<sdk::SaslMechanism>(mechanism);
  sdk::ListenerConfigView listener_config(config_, listener);
  sdk::SaslSessionContext context{listener, connection.identity.client_host, &listener_config};
  try {
    state->session = implementation ? implementation->start(context) : nullptr;
  } catch (const std::exception& e) {
    logger_.error("SASL mechanism " + mechanism + " could not start a session: " + e.what());
    state->session = nullptr;
  }
  if (!state->session) {
    out.error = ErrorCode::kUnsupportedSaslMechanism;
    state->stage = Stage::kFailed;
    return out;
  }
  state->mechanism = mechanism;
  state->reauthenticating = reauth;
  state->raw_tokens = version == 0 && !reauth;
  state->stage = Stage::kAuthenticate;
  return out;
}

SaslAuthenticateOutcome SaslAuthenticator::fail(net::ConnectionInfo& connection,
                                                SaslConnectionState& state,
                                                const std::string& reason) {
  state.stage = Stage::kFailed;
  state.session.reset();
  logger_.warn("SASL authentication failed for client " + connection.identity.client_host +
               " on listener " + connection.identity.listener + " with " + state.mechanism +
               ": " + reason);
  SaslAuthenticateOutcome out;
  out.error = ErrorCode::kSaslAuthenticationFailed;
  // Like Kafka: nothing about which part was wrong.
  out.message = "Authentication failed during authentication due to invalid credentials with "
                "SASL mechanism " + state.mechanism;
  auto base = std::chrono::milliseconds(
      config_.get_int(security_keys::kFailedAuthenticationDelayMs, 100));
  out.delay = delays_.record_failure(connection.identity.client_host, base);
  return out;
}

SaslAuthenticateOutcome SaslAuthenticator::authenticate(net::ConnectionInfo& connection,
                                                        std::string_view token) {
  auto* state = SaslConnectionState::of(connection);
  SaslAuthenticateOutcome out;
  if (!state || state->stage != Stage::kAuthenticate || !state->session) {
    out.error = ErrorCode::kIllegalSaslState;
    out.message = "SaslAuthenticate is only valid after a successful SaslHandshake";
    if (state) state->stage = Stage::kFailed;
    return out;
  }
  sdk::SaslStep step;
  try {
    step = state->session->step(token);
  } catch (const std::exception& e) {
    step = sdk::SaslStep::failed(std::string("mechanism error: ") + e.what());
  }
  if (step.state == sdk::SaslStep::State::kFailed) return fail(connection, *state, step.failure_reason);
  out.server_bytes = std::move(step.server_bytes);
  if (step.state == sdk::SaslStep::State::kContinue) return out;

  sdk::AuthenticationContext context;
  context.security_protocol = connection.identity.security_protocol;
  context.listener = connection.identity.listener;
  context.client_host = connection.identity.client_host;
  context.tls_peer_subject = connection.tls_peer_subject;
  context.sasl_mechanism = state->mechanism;
  context.sasl_authorization_id = step.authorization_id;
  sdk::Principal principal;
  try {
    principal = builder_->build(context);
  } catch (const std::exception& e) {
    return fail(connection, *state, std::string("principal builder refused: ") + e.what());
  }
  if (state->reauthenticating && principal != connection.identity.principal) {
    return fail(connection, *state, "re-authentication as " + principal.to_string() + " on a " +
                                        connection.identity.principal.to_string() + " connection");
  }
  connection.identity.principal = principal;
  state->session.reset();
  state->stage = Stage::kAuthenticated;
  state->raw_tokens = false;

  int64_t lifetime = sdk::ListenerConfigView(config_, connection.identity.listener)
                         .get_long(security_keys::kConnectionsMaxReauthMs, 0);
  if (step.credential_lifetime) {
    int64_t credential = std::max<int64_t>(step.credential_lifetime->count(), 1);
    lifetime = lifetime > 0 ? std::min(lifetime, credential) : credential;
  }
  state->expires.reset();
  if (lifetime > 0) {
    state->expires.set(std::chrono::steady_clock::now() + std::chrono::milliseconds(lifetime));
    // The session ends at its expiry even if the client stays idle, unless it has
    // re-authenticated by then (which moves `expires`).
    std::weak_ptr<net::SecurityState> weak_state = connection.security;
    after(std::chrono::milliseconds(lifetime) + std::chrono::milliseconds(20),
          [weak_state, close = connection.close, &logger = logger_,
           who = connection.identity.client_host + " (" + principal.to_string() + ")"] {
            auto locked = weak_state.lock();
            auto* s = dynamic_cast<SaslConnectionState*>(locked.get());
            auto end = s ? s->expires.get() : std::nullopt;
            if (!s || !close || s->stage != Stage::kAuthenticated || !end ||
                std::chrono::steady_clock::now() < *end) {
              return;
            }
            logger.info("SASL session of " + who + " expired without re-authentication");
            close("SASL session expired without re-authentication");
          });
  }
  out.session_lifetime_ms = lifetime;
  logger_.info("client " + connection.identity.client_host + " on listener " +
               connection.identity.listener + (state->reauthenticating ? " re-authenticated" : " authenticated") +
               " with " + state->mechanism + " as " + principal.to_string());
  return out;
}

void SaslAuthenticator::after(std::chrono::milliseconds delay, std::function<void()> task) {
  if (delay.count() <= 0) {
    task();
    return;
  }
  auto timer = std::make_shared<boost::asio::steady_timer>(timers_, delay);
  timer->async_wait([timer, task = std::move(task)](const boost::system::error_code&) { task(); });
}

}  // namespace skiff::kernel::security

// The sasl-oauthbearer plugin: SASL/OAUTHBEARER (RFC 7628, KIP-255/KIP-768 server
// side). The client's bearer token must be a JWT signed (RS256 or ES256) by a key of
// the JWKS at sasl.oauthbearer.jwks.endpoint.url (a file or an http(s) URL, re-read
// every sasl.oauthbearer.jwks.endpoint.refresh.ms), unexpired, past its nbf, with
// the expected issuer and audience; the principal is its
// sasl.oauthbearer.sub.claim.name claim and the session ends when the token expires.
#include <memory>
#include <string>

#include "jwks.h"
#include "jwt_validator.h"
#include "skiff/sdk/config_key_builder.h"
#include "skiff/sdk/plugin.h"
#include "skiff/sdk/sasl.h"

namespace skiff::sasl_oauthbearer {
namespace {

constexpr const char* kJwksUrl = "sasl.oauthbearer.jwks.endpoint.url";
constexpr const char* kJwksRefreshMs = "sasl.oauthbearer.jwks.endpoint.refresh.ms";
constexpr const char* kIssuer = "sasl.oauthbearer.expected.issuer";
constexpr const char* kAudience = "sasl.oauthbearer.expected.audience";
constexpr const char* kSubClaim = "sasl.oauthbearer.sub.claim.name";
constexpr const char* kClockSkew = "sasl.oauthbearer.clock.skew.seconds";

// The bearer token of an RFC 7628 client response, or nullopt.
std::optional<std::string> bearer_token(std::string_view message) {
  auto start = message.find('\x01');
  if (start == std::string_view::npos || !(message.starts_with("n,") || message.starts_with("y,"))) {
    return std::nullopt;
  }
  while (start < message.size()) {
    auto end = message.find('\x01', start + 1);
    if (end == std::string_view::npos) break;
    std::string_view pair = message.substr(start + 1, end - start - 1);
    if (pair.starts_with("auth=")) {
      std::string_view value = pair.substr(5);
      if (value.size() > 7 && (value.starts_with("Bearer ") || value.starts_with("bearer "))) {
        return std::string(value.substr(7));
      }
      return std::nullopt;
    }
    start = end;
  }
  return std::nullopt;
}

class OAuthSession final : public sdk::SaslServerSession {
 public:
  OAuthSession(std::shared_ptr<Jwks> jwks, JwtPolicy policy)
      : jwks_(std::move(jwks)), policy_(std::move(policy)) {}

  sdk::SaslStep step(std::string_view client_bytes) override {
    if (done_) return sdk::SaslStep::failed("unexpected OAUTHBEARER message");
    done_ = true;
    auto token = bearer_token(client_bytes);
    if (!token) return sdk::SaslStep::failed("malformed OAUTHBEARER client response");
    std::string why;
    auto validated = validate_jwt(*token, *jwks_->current(), policy_, why);
    if (!validated) return sdk::SaslStep::failed("token refused: " + why);
    auto step = sdk::SaslStep::done(validated->principal);
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        validated->expires - std::chrono::system_clock::now());
    step.credential_lifetime = std::max(left, std::chrono::milliseconds(1));
    return step;
  }

 private:
  std::shared_ptr<Jwks> jwks_;
  JwtPolicy policy_;
  bool done_ = false;
};

class OAuthMechanism final : public sdk::SaslMechanism {
 public:
  explicit OAuthMechanism(std::shared_ptr<Jwks> jwks) : jwks_(std::move(jwks)) {}
  std::string name() const override { return "OAUTHBEARER"; }
  std::unique_ptr<sdk::SaslServerSession> start(const sdk::SaslSessionContext& context) override {
    const sdk::ConfigView& c = *context.listener_config;
    JwtPolicy policy;
    policy.expected_issuer = c.get_string(kIssuer);
    policy.expected_audience = c.get_list(kAudience);
    policy.principal_claim = c.get_string(kSubClaim, "sub");
    policy.clock_skew = std::chrono::seconds(c.get_long(kClockSkew, 30));
    return std::make_unique<OAuthSession>(jwks_, std::move(policy));
  }

 private:
  std::shared_ptr<Jwks> jwks_;
};

class OAuthPlugin final : public sdk::Plugin {
 public:
  void declare_config(sdk::ConfigSchema& schema) override {
    using T = sdk::ConfigType;
    using K = sdk::ConfigKeyBuilder;
    schema.define(K(kJwksUrl, T::kString, "",
                    "The JWKS of the token issuer: a file path, file://, http:// or https:// "
                    "URL. Required when OAUTHBEARER is enabled."));
    schema.define(K(kJwksRefreshMs, T::kLong, "3600000", "How often the JWKS is re-read.")
                      .at_least(1000));
    schema.define(K(kIssuer, T::kString, "", "The required \"iss\" claim; empty: any."));
    schema.define(K(kAudience, T::kList, "",
                    "Accepted \"aud\" values (one must match); empty: not checked."));
    schema.define(K(kSubClaim, T::kString, "sub", "The claim that names the principal."));
    schema.define(K(kClockSkew, T::kLong, "30", "Clock skew allowed for exp and nbf, in seconds.")
                      .at_least(0));
  }

  void configure(sdk::Host& host) override {
    host_ = &host;
    url_ = host.config().get_string(kJwksUrl);
    // Without a JWKS the mechanism is not offered (enabling it is then a startup error).
    if (url_.empty()) return;
    reload(true);
    host.extensions().add<sdk::SaslMechanism>("OAUTHBEARER", std::make_shared<OAuthMechanism>(jwks_));
  }

  void start() override {
    if (url_.empty()) return;
    auto period = std::chrono::milliseconds(host_->config().get_long(kJwksRefreshMs, 3600000));
    refresh_ = host_->scheduler().run_every(period, [this] { reload(false); });
  }

  void stop() override { refresh_.reset(); }

 private:
  void reload(bool at_startup) {
    try {
      jwks_->replace(parse_jwks(fetch_jwks(url_)));
    } catch (const std::exception& e) {
      if (at_startup) throw std::runtime_error(std::string(kJwksUrl) + ": " + e.what());
      host_->logger("security").warn(std::string("JWKS refresh failed, keeping the keys: ") + e.what());
    }
  }

  sdk::Host* host_ = nullptr;
  std::string url_;
  std::shared_ptr<Jwks> jwks_ = std::make_shared<Jwks>();
  std::unique_ptr<sdk::TimerHandle> refresh_;
};

}  // namespace
}  // namespace skiff::sasl_oauthbearer

SKIFF_PLUGIN(skiff::sasl_oauthbearer::OAuthPlugin, "sasl-oauthbearer",
             "SASL/OAUTHBEARER with JWTs (RS256, ES256) verified against a JWKS")

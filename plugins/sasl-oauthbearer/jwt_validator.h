// Validation of a compact JWS access token (RFC 7519): RS256 or ES256 signature by
// a key of the JWKS (chosen by "kid"), then expiry ("exp", required), not-before,
// issuer and audience, with a configurable clock skew; yields the principal claim
// and the expiry.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "jwks.h"

namespace skiff::sasl_oauthbearer {

struct JwtPolicy {
  std::string expected_issuer;                // empty: not checked
  std::vector<std::string> expected_audience;  // empty: not checked; else one must match
  std::string principal_claim = "sub";
  std::chrono::seconds clock_skew{30};
};

struct ValidatedToken {
  std::string principal;
  std::chrono::system_clock::time_point expires;
};

// nullopt when the token is not acceptable; `why` says why (for the log only).
std::optional<ValidatedToken> validate_jwt(const std::string& token, const KeySet& keys,
                                           const JwtPolicy& policy, std::string& why,
                                           std::chrono::system_clock::time_point now =
                                               std::chrono::system_clock::now());

}  // namespace skiff::sasl_oauthbearer

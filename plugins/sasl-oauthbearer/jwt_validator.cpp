#include "jwt_validator.h"

#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include <Poco/JSON/Parser.h>

#include "base64url.h"

namespace skiff::sasl_oauthbearer {

namespace {

// JWS ES256 signatures are r || s (32 bytes each); OpenSSL verifies DER.
std::optional<std::string> es256_to_der(const std::string& raw) {
  if (raw.size() != 64) return std::nullopt;
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
  ECDSA_SIG_set0(sig, r, s);
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  if (len <= 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(len));
  OPENSSL_free(der);
  return out;
}

bool verify(EVP_PKEY* key, const std::string& signed_part, const std::string& signature) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                             signature.size(),
                             reinterpret_cast<const unsigned char*>(signed_part.data()),
                             signed_part.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

std::optional<int64_t> number_claim(const Poco::JSON::Object::Ptr& claims, const std::string& name) {
  if (!claims->has(name)) return std::nullopt;
  try {
    return static_cast<int64_t>(claims->getValue<double>(name));
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<ValidatedToken> validate_jwt(const std::string& token, const KeySet& keys,
                                           const JwtPolicy& policy, std::string& why,
                                           std::chrono::system_clock::time_point now) {
  auto dot1 = token.find('.');
  auto dot2 = dot1 == std::string::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos) {
    why = "not a compact JWS";
    return std::nullopt;
  }
  auto header_json = base64url_decode(std::string_view(token).substr(0, dot1));
  auto claims_json = base64url_decode(std::string_view(token).substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = base64url_decode(std::string_view(token).substr(dot2 + 1));
  if (!header_json || !claims_json || !signature) {
    why = "token parts are not base64url";
    return std::nullopt;
  }
  Poco::JSON::Object::Ptr header, claims;
  try {
    Poco::JSON::Parser parser;
    header = parser.parse(*header_json).extract<Poco::JSON::Object::Ptr>();
    parser.reset();
    claims = parser.parse(*claims_json).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    why = "token JSON: " + e.displayText();
    return std::nullopt;
  }
  std::string alg = header->optValue<std::string>("alg", "");
  if (alg != "RS256" && alg != "ES256") {
    why = "algorithm '" + alg + "' is not RS256 or ES256";
    return std::nullopt;
  }
  std::string kid = header->optValue<std::string>("kid", "");
  auto key = keys.find(kid);
  if (key == keys.end() && kid.empty() && keys.size() == 1) key = keys.begin();
  if (key == keys.end()) {
    why = "no JWKS key with kid '" + kid + "'";
    return std::nullopt;
  }
  std::string signed_part = token.substr(0, dot2);
  bool valid = false;
  if (alg == "RS256" && key->second.kty == "RSA") {
    valid = verify(key->second.key.get(), signed_part, *signature);
  } else if (alg == "ES256" && key->second.kty == "EC") {
    auto der = es256_to_der(*signature);
    valid = der && verify(key->second.key.get(), signed_part, *der);
  } else {
    why = "algorithm '" + alg + "' is not RS256 or ES256 with a matching key";
    return std::nullopt;
  }
  if (!valid) {
    why = "bad signature";
    return std::nullopt;
  }
  int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  int64_t skew = policy.clock_skew.count();
  auto exp = number_claim(claims, "exp");
  if (!exp) {
    why = "no exp claim";
    return std::nullopt;
  }
  if (*exp + skew <= now_s) {
    why = "token expired";
    return std::nullopt;
  }
  if (auto nbf = number_claim(claims, "nbf"); nbf && *nbf - skew > now_s) {
    why = "token not valid yet (nbf)";
    return std::nullopt;
  }
  if (!policy.expected_issuer.empty() &&
      claims->optValue<std::string>("iss", "") != policy.expected_issuer) {
    why = "unexpected issuer";
    return std::nullopt;
  }
  if (!policy.expected_audience.empty()) {
    std::vector<std::string> audiences;
    if (auto list = claims->getArray("aud")) {
      for (size_t i = 0; i < list->size(); ++i) audiences.push_back(list->getElement<std::string>(static_cast<unsigned>(i)));
    } else if (claims->has("aud")) {
      audiences.push_back(claims->optValue<std::string>("aud", ""));
    }
    bool match = false;
    for (const auto& a : audiences) {
      for (const auto& e : policy.expected_audience) match = match || a == e;
    }
    if (!match) {
      why = "unexpected audience";
      return std::nullopt;
    }
  }
  std::string principal = claims->optValue<std::string>(policy.principal_claim, "");
  if (principal.empty()) {
    why = "no '" + policy.principal_claim + "' claim";
    return std::nullopt;
  }
  return ValidatedToken{principal, std::chrono::system_clock::time_point(std::chrono::seconds(*exp))};
}

}  // namespace skiff::sasl_oauthbearer

// A JSON Web Key Set (RFC 7517) of verification keys: RSA ("kty":"RSA", n, e) and
// P-256 EC ("kty":"EC", "crv":"P-256", x, y) public keys by key id, loaded from a
// file or an http(s) URL and replaced atomically on refresh.
#pragma once

#include <openssl/evp.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace skiff::sasl_oauthbearer {

struct PublicKey {
  std::string kty;  // "RSA" or "EC"
  std::shared_ptr<EVP_PKEY> key;
};

using KeySet = std::map<std::string, PublicKey>;  // by kid ("" when the JWK has none)

// Parses a JWKS document; keys of other types or curves are skipped. Throws
// std::runtime_error if the document is not a JWKS or holds no usable key.
KeySet parse_jwks(const std::string& json);

// Reads `location`: a path, file://path, http:// or https:// URL. Throws std::runtime_error.
std::string fetch_jwks(const std::string& location);

class Jwks {
 public:
  void replace(KeySet keys);
  std::shared_ptr<const KeySet> current() const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const KeySet> keys_ = std::make_shared<KeySet>();
};

}  // namespace skiff::sasl_oauthbearer

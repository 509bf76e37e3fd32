// SCRAM's key derivations (RFC 5802 section 3) for SHA-256 and SHA-512 on OpenSSL,
// shared by the broker (storing credentials), SCRAM mechanism plugins (verifying
// proofs) and tools (salting a password). Header-only: users link OpenSSL's libcrypto.
#pragma once

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "skiff/sdk/scram_credentials.h"

namespace skiff::sdk::scram {

// The digest of a SCRAM mechanism name; null when it is not SCRAM-SHA-256/512.
inline const EVP_MD* digest_of(std::string_view mechanism) {
  if (mechanism == kSha256) return EVP_sha256();
  if (mechanism == kSha512) return EVP_sha512();
  return nullptr;
}

inline std::string hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(md, key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len)) {
    throw std::runtime_error("HMAC failed");
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

inline std::string hash(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!EVP_Digest(data.data(), data.size(), out, &len, md, nullptr)) {
    throw std::runtime_error("digest failed");
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

// SaltedPassword := Hi(Normalize(password), salt, i), i.e. PBKDF2-HMAC.
inline std::string salted_password(const EVP_MD* md, std::string_view password,
                                   std::string_view salt, int32_t iterations) {
  std::string out(static_cast<size_t>(EVP_MD_get_size(md)), '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, md,
                        static_cast<int>(out.size()), reinterpret_cast<unsigned char*>(out.data())) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return out;
}

// What the broker stores for a salted password: StoredKey and ServerKey.
inline StoredCredential derive_credential(const EVP_MD* md, std::string_view salted,
                                          std::string_view salt, int32_t iterations) {
  StoredCredential c;
  c.iterations = iterations;
  c.salt = std::string(salt);
  c.stored_key = hash(md, hmac(md, salted, "Client Key"));
  c.server_key = hmac(md, salted, "Server Key");
  return c;
}

inline std::string random_bytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw std::runtime_error("no random bytes available");
  }
  return out;
}

}  // namespace skiff::sdk::scram

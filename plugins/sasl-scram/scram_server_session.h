// One SCRAM-SHA-256/512 server exchange (RFC 5802, RFC 7677): client-first ->
// server-first (nonce, salt, iterations) -> client-final (proof checked against the
// stored StoredKey) -> server-final (server signature). Unknown users get a fake
// salt derived from a per-process secret, so they fail at the proof like a wrong
// password instead of revealing that the user does not exist.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <openssl/evp.h>

#include "scram_messages.h"
#include "skiff/sdk/sasl.h"
#include "skiff/sdk/scram_credentials.h"

namespace skiff::sasl_scram {

// Looks up the stored credential of a user for this mechanism.
using CredentialLookup = std::function<std::optional<sdk::scram::StoredCredential>(const std::string& user)>;

class ScramServerSession final : public sdk::SaslServerSession {
 public:
  ScramServerSession(std::string mechanism, const EVP_MD* md, CredentialLookup lookup,
                     const std::string& fake_salt_secret);
  sdk::SaslStep step(std::string_view client_bytes) override;

 private:
  sdk::SaslStep first(std::string_view message);
  sdk::SaslStep final(std::string_view message);

  enum class Stage { kFirst, kFinal, kOver };
  Stage stage_ = Stage::kFirst;
  std::string mechanism_;
  const EVP_MD* md_;
  CredentialLookup lookup_;
  std::string fake_salt_secret_;
  ClientFirst client_first_;
  std::string server_first_;
  std::string nonce_;
  std::optional<sdk::scram::StoredCredential> credential_;  // nullopt: unknown user
};

}  // namespace skiff::sasl_scram

#include "scram_server_session.h"

#include <openssl/crypto.h>

#include "skiff/sdk/scram_crypto.h"

namespace skiff::sasl_scram {

namespace scram = sdk::scram;

ScramServerSession::ScramServerSession(std::string mechanism, const EVP_MD* md,
                                       CredentialLookup lookup, const std::string& fake_salt_secret)
    : mechanism_(std::move(mechanism)), md_(md), lookup_(std::move(lookup)),
      fake_salt_secret_(fake_salt_secret) {}

sdk::SaslStep ScramServerSession::step(std::string_view client_bytes) {
  switch (stage_) {
    case Stage::kFirst: return first(client_bytes);
    case Stage::kFinal: return final(client_bytes);
    case Stage::kOver: break;
  }
  stage_ = Stage::kOver;
  return sdk::SaslStep::failed("unexpected SCRAM message after the exchange ended");
}

sdk::SaslStep ScramServerSession::first(std::string_view message) {
  stage_ = Stage::kOver;
  std::string error;
  auto parsed = parse_client_first(message, error);
  if (!parsed) return sdk::SaslStep::failed(error);
  if (parsed->token_auth) return sdk::SaslStep::failed("delegation tokens are not supported");
  if (!parsed->authzid.empty() && parsed->authzid != parsed->user) {
    return sdk::SaslStep::failed("authorization id '" + parsed->authzid +
                                 "' differs from the user name '" + parsed->user + "'");
  }
  client_first_ = std::move(*parsed);
  credential_ = lookup_(client_first_.user);
  std::string salt;
  int32_t iterations = scram::kMinIterations;
  if (credential_) {
    salt = credential_->salt;
    iterations = credential_->iterations;
  } else {
    salt = scram::hmac(md_, fake_salt_secret_, client_first_.user).substr(0, 16);
  }
  nonce_ = client_first_.nonce + base64_encode(scram::random_bytes(18));
  server_first_ = "r=" + nonce_ + ",s=" + base64_encode(salt) + ",i=" + std::to_string(iterations);
  stage_ = Stage::kFinal;
  return sdk::SaslStep::next(server_first_);
}

sdk::SaslStep ScramServerSession::final(std::string_view message) {
  stage_ = Stage::kOver;
  std::string error;
  auto parsed = parse_client_final(message, error);
  if (!parsed) return sdk::SaslStep::failed(error);
  if (parsed->channel_binding != base64_encode(client_first_.gs2_header)) {
    return sdk::SaslStep::failed("channel binding does not match the GS2 header");
  }
  // Kafka accepts a nonce that ends with the server's (librdkafka sends the client
  // nonce again in front of it), so Skiff does too.
  if (!parsed->nonce.ends_with(nonce_)) return sdk::SaslStep::failed("nonce mismatch");
  if (!credential_) {
    return sdk::SaslStep::failed("no " + mechanism_ + " credential for user '" +
                                 client_first_.user + "'");
  }
  std::string auth_message = client_first_.bare + "," + server_first_ + "," + parsed->without_proof;
  std::string client_signature = scram::hmac(md_, credential_->stored_key, auth_message);
  if (parsed->proof.size() != client_signature.size()) {
    return sdk::SaslStep::failed("invalid proof for user '" + client_first_.user + "'");
  }
  std::string client_key(client_signature.size(), '\0');
  for (size_t i = 0; i < client_key.size(); ++i) client_key[i] = parsed->proof[i] ^ client_signature[i];
  std::string stored_key = scram::hash(md_, client_key);
  if (stored_key.size() != credential_->stored_key.size() ||
      CRYPTO_memcmp(stored_key.data(), credential_->stored_key.data(), stored_key.size()) != 0) {
    return sdk::SaslStep::failed("invalid proof (wrong password) for user '" + client_first_.user + "'");
  }
  std::string server_signature = scram::hmac(md_, credential_->server_key, auth_message);
  return sdk::SaslStep::done(client_first_.user, "v=" + base64_encode(server_signature));
}

}  // namespace skiff::sasl_scram

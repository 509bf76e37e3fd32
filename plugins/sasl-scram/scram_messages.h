// The SCRAM messages of RFC 5802 section 7 as the server reads and writes them:
// client-first (GS2 header, user name, nonce), client-final (channel binding,
// nonce, proof), base64 and SASL name escaping ("=2C" for ',', "=3D" for '=').
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skiff::sasl_scram {

struct ClientFirst {
  std::string gs2_header;  // "n,," or "y,," (with a=authzid if sent)
  std::string bare;        // "n=user,r=nonce[,ext...]"
  std::string user;
  std::string authzid;     // empty when not sent
  std::string nonce;
  bool token_auth = false;  // tokenauth=true extension (delegation tokens)
};

struct ClientFinal {
  std::string channel_binding;  // base64, as sent
  std::string nonce;
  std::string proof;            // decoded bytes
  std::string without_proof;    // the message up to ",p="
};

// nullopt for a malformed message; `error` says why (for the log).
std::optional<ClientFirst> parse_client_first(std::string_view message, std::string& error);
std::optional<ClientFinal> parse_client_final(std::string_view message, std::string& error);

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace skiff::sasl_scram

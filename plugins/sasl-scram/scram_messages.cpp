#include "scram_messages.h"

#include <openssl/evp.h>

#include <vector>

namespace skiff::sasl_scram {

namespace {

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t end = text.find(sep, start);
    out.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

// saslname: '=' only as "=2C" or "=3D".
std::optional<std::string> decode_saslname(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] != '=') {
      out.push_back(name[i]);
      continue;
    }
    if (name.substr(i, 3) == "=2C") out.push_back(',');
    else if (name.substr(i, 3) == "=3D") out.push_back('=');
    else return std::nullopt;
    i += 2;
  }
  return out;
}

bool printable_nonce(std::string_view nonce) {
  if (nonce.empty()) return false;
  for (char c : nonce) {
    if (c < 0x21 || c > 0x7e || c == ',') return false;
  }
  return true;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  if (text.empty()) return std::string();
  std::string out(3 * text.size() / 4, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

std::optional<ClientFirst> parse_client_first(std::string_view message, std::string& error) {
  // gs2-header: gs2-cbind-flag "," [ authzid ] ","
  auto first_comma = message.find(',');
  auto second_comma = first_comma == std::string_view::npos ? first_comma
                                                             : message.find(',', first_comma + 1);
  if (second_comma == std::string_view::npos) {
    error = "client-first message has no GS2 header";
    return std::nullopt;
  }
  ClientFirst out;
  std::string_view flag = message.substr(0, first_comma);
  if (flag != "n" && flag != "y") {
    error = "channel binding '" + std::string(flag) + "' is not supported";
    return std::nullopt;
  }
  std::string_view authzid = message.substr(first_comma + 1, second_comma - first_comma - 1);
  if (!authzid.empty()) {
    if (!authzid.starts_with("a=")) {
      error = "malformed authzid in the GS2 header";
      return std::nullopt;
    }
    auto decoded = decode_saslname(authzid.substr(2));
    if (!decoded) {
      error = "malformed authzid";
      return std::nullopt;
    }
    out.authzid = *decoded;
  }
  out.gs2_header = std::string(message.substr(0, second_comma + 1));
  out.bare = std::string(message.substr(second_comma + 1));
  auto fields = split(out.bare, ',');
  if (fields.size() < 2 || !fields[0].starts_with("n=") || !fields[1].starts_with("r=")) {
    error = "client-first message is not n=<user>,r=<nonce>";
    return std::nullopt;
  }
  auto user = decode_saslname(fields[0].substr(2));
  if (!user || user->empty()) {
    error = "malformed user name";
    return std::nullopt;
  }
  out.user = *user;
  out.nonce = std::string(fields[1].substr(2));
  if (!printable_nonce(out.nonce)) {
    error = "malformed client nonce";
    return std::nullopt;
  }
  for (size_t i = 2; i < fields.size(); ++i) {
    if (fields[i] == "tokenauth=true") out.token_auth = true;
  }
  return out;
}

std::optional<ClientFinal> parse_client_final(std::string_view message, std::string& error) {
  auto proof_at = message.rfind(",p=");
  if (proof_at == std::string_view::npos) {
    error = "client-final message has no proof";
    return std::nullopt;
  }
  ClientFinal out;
  out.without_proof = std::string(message.substr(0, proof_at));
  auto proof = base64_decode(message.substr(proof_at + 3));
  if (!proof) {
    error = "client proof is not base64";
    return std::nullopt;
  }
  out.proof = std::move(*proof);
  auto fields = split(out.without_proof, ',');
  if (fields.size() < 2 || !fields[0].starts_with("c=") || !fields[1].starts_with("r=")) {
    error = "client-final message is not c=<binding>,r=<nonce>,...,p=<proof>";
    return std::nullopt;
  }
  out.channel_binding = std::string(fields[0].substr(2));
  out.nonce = std::string(fields[1].substr(2));
  return out;
}

}  // namespace skiff::sasl_scram

#include "common/sasl_client.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <map>

#include "common/errors.h"
#include "skiff/sdk/scram_crypto.h"

namespace skiff::cli {

namespace {

namespace scram = sdk::scram;

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string unbase64(const std::string& text) {
  std::string out(3 * text.size() / 4 + 1, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) throw CommandError("malformed base64 in the broker's SCRAM message");
  size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

std::map<char, std::string> attributes(const std::string& message) {
  std::map<char, std::string> out;
  size_t start = 0;
  while (start < message.size()) {
    size_t end = message.find(',', start);
    if (end == std::string::npos) end = message.size();
    if (end - start >= 2 && message[start + 1] == '=') {
      out[message[start]] = message.substr(start + 2, end - start - 2);
    }
    start = end + 1;
  }
  return out;
}

std::string escape_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == ',') out += "=2C";
    else if (c == '=') out += "=3D";
    else out.push_back(c);
  }
  return out;
}

void scram_authenticate(const std::string& mechanism, const std::string& user,
                        const std::string& password, const SaslExchange& exchange) {
  const EVP_MD* md = scram::digest_of(mechanism);
  std::string nonce = base64(scram::random_bytes(24));
  std::string first_bare = "n=" + escape_name(user) + ",r=" + nonce;
  std::string server_first = exchange("n,," + first_bare);
  auto attrs = attributes(server_first);
  if (!attrs['r'].starts_with(nonce) || attrs['s'].empty() || attrs['i'].empty()) {
    throw CommandError("malformed SCRAM server-first message");
  }
  int iterations = std::stoi(attrs['i']);
  if (iterations < scram::kMinIterations || iterations > 1000000) {
    throw CommandError("the broker asked for an unreasonable SCRAM iteration count");
  }
  std::string salted = scram::salted_password(md, password, unbase64(attrs['s']), iterations);
  std::string final_without_proof = "c=biws,r=" + attrs['r'];
  std::string auth_message = first_bare + "," + server_first + "," + final_without_proof;
  std::string client_key = scram::hmac(md, salted, "Client Key");
  std::string signature = scram::hmac(md, scram::hash(md, client_key), auth_message);
  std::string proof(client_key.size(), '\0');
  for (size_t i = 0; i < proof.size(); ++i) proof[i] = client_key[i] ^ signature[i];
  auto server_final = attributes(exchange(final_without_proof + ",p=" + base64(proof)));
  std::string expected = base64(scram::hmac(md, scram::hmac(md, salted, "Server Key"), auth_message));
  if (server_final['v'] != expected) {
    throw CommandError("the broker's SCRAM signature is wrong: it does not know the password");
  }
}

}  // namespace

void sasl_authenticate(const std::string& mechanism, const std::string& user,
                       const std::string& password, const SaslExchange& exchange) {
  if (user.empty()) throw UsageError("SASL needs sasl.username and sasl.password");
  if (mechanism == "PLAIN") {
    exchange(std::string("\0", 1) + user + std::string("\0", 1) + password);
  } else if (scram::digest_of(mechanism)) {
    scram_authenticate(mechanism, user, password, exchange);
  } else {
    throw UsageError("skiff users speaks SASL PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512, not " +
                     mechanism);
  }
}

}  // namespace skiff::cli

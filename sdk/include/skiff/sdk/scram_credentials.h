// Stored SCRAM credentials (RFC 5802 / RFC 7677): the controller record format the
// kernel's AlterUserScramCredentials handler writes and SCRAM mechanism plugins read.
// Namespace "scram", key "<mechanism>/<user>", value
//   "v1 <iterations> <salt hex> <StoredKey hex> <ServerKey hex>"
// Only the salt, iteration count, StoredKey = H(HMAC(SaltedPassword, "Client Key"))
// and ServerKey = HMAC(SaltedPassword, "Server Key") are kept: never a password.
#pragma once

#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace skiff::sdk::scram {

inline constexpr std::string_view kRecordNamespace = "scram";
inline constexpr std::string_view kSha256 = "SCRAM-SHA-256";
inline constexpr std::string_view kSha512 = "SCRAM-SHA-512";
// Kafka's accepted iteration range.
inline constexpr int32_t kMinIterations = 4096;
inline constexpr int32_t kMaxIterations = 16384;

struct StoredCredential {
  int32_t iterations = 0;
  std::string salt;        // raw bytes
  std::string stored_key;  // raw bytes
  std::string server_key;  // raw bytes
};

inline std::string record_key(std::string_view mechanism, std::string_view user) {
  return std::string(mechanism) + "/" + std::string(user);
}

inline std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

inline std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

inline std::string encode(const StoredCredential& c) {
  return "v1 " + std::to_string(c.iterations) + " " + to_hex(c.salt) + " " +
         to_hex(c.stored_key) + " " + to_hex(c.server_key);
}

inline std::optional<StoredCredential> decode(std::string_view value) {
  std::istringstream in{std::string(value)};
  std::string version, salt, stored, server;
  StoredCredential c;
  if (!(in >> version >> c.iterations >> salt >> stored >> server) || version != "v1") {
    return std::nullopt;
  }
  auto s = from_hex(salt), k = from_hex(stored), v = from_hex(server);
  if (!s || !k || !v) return std::nullopt;
  c.salt = std::move(*s);
  c.stored_key = std::move(*k);
  c.server_key = std::move(*v);
  return c;
}

}  // namespace skiff::sdk::scram

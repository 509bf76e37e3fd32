// Kafka-style random UUIDs; see kafka_uuid.h.
#include "kafka_uuid.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace skiff::controller_local {
namespace {

// getrandom(2) is thread-safe and never returns predictable bytes once the system
// has booted, unlike a shared std::random_device or a seeded generator.
uint64_t random_u64() {
  uint64_t value = 0;
  auto* out = reinterpret_cast<unsigned char*>(&value);
  std::size_t filled = 0;
  while (filled < sizeof(value)) {
    ssize_t n = getrandom(out + filled, sizeof(value) - filled, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("getrandom failed: ") + std::strerror(errno));
    }
    filled += static_cast<std::size_t>(n);
  }
  return value;
}

}  // namespace

sdk::Uuid random_kafka_uuid() {
  for (;;) {
    sdk::Uuid id{random_u64(), random_u64()};
    // Version 4 and the IETF variant, as java.util.UUID.randomUUID sets them.
    id.high = (id.high & ~uint64_t{0xF000}) | uint64_t{0x4000};
    id.low = (id.low & ~(uint64_t{0xC} << 60)) | (uint64_t{0x8} << 60);
    // The first base64 character encodes the top six bits; 62 is '-'.
    if ((id.high >> 58) == 62) continue;
    return id;
  }
}

std::string uuid_to_base64(const sdk::Uuid& id) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  unsigned char bytes[16];
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<unsigned char>(id.high >> (56 - 8 * i));
    bytes[8 + i] = static_cast<unsigned char>(id.low >> (56 - 8 * i));
  }
  std::string out;
  out.reserve(22);
  // 16 bytes = five 3-byte groups (20 characters) and one byte left (2 characters).
  for (int i = 0; i < 15; i += 3) {
    uint32_t group = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(group >> shift) & 63]);
  }
  out.push_back(kAlphabet[bytes[15] >> 2]);
  out.push_back(kAlphabet[(bytes[15] & 3) << 4]);
  return out;
}

}  // namespace skiff::controller_local

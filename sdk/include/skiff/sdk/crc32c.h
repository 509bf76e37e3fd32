// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of Kafka's
// RecordBatch v2. Header-only: uses the SSE4.2 `crc32` instruction when the CPU has
// it (checked once at run time, so the binary still runs on older CPUs) and a
// slicing-by-8 table otherwise.
//
//   uint32_t c = skiff::sdk::crc32c(data, size);            // whole buffer
//   uint32_t c2 = skiff::sdk::crc32c(more, n, c);            // continue a running CRC
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <nmmintrin.h>
#define SKIFF_CRC32C_HAVE_SSE42 1
#else
#define SKIFF_CRC32C_HAVE_SSE42 0
#endif

namespace skiff::sdk {

namespace crc32c_detail {

inline constexpr uint32_t kPolynomial = 0x82F63B78u;  // reflected Castagnoli

// Table k maps a byte to its CRC contribution k bytes further along the message,
// which lets the software path consume 8 bytes per step.
using Tables = std::array<std::array<uint32_t, 256>, 8>;

constexpr Tables make_tables() {
  Tables t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1u) ? (c >> 1) ^ kPolynomial : c >> 1;
    t[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; ++i) {
    for (std::size_t k = 1; k < 8; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFFu];
  }
  return t;
}

inline constexpr Tables kTables = make_tables();

// Works on the inverted register value; callers do the pre/post inversion.
inline uint32_t update_software(uint32_t crc, const uint8_t* p, std::size_t n) {
  while (n >= 8) {
    uint32_t lo;
    uint32_t hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + 4, 4);
    if constexpr (std::endian::native == std::endian::big) {
      lo = __builtin_bswap32(lo);
      hi = __builtin_bswap32(hi);
    }
    lo ^= crc;
    crc = kTables[7][lo & 0xFF] ^ kTables[6][(lo >> 8) & 0xFF] ^ kTables[5][(lo >> 16) & 0xFF] ^
          kTables[4][lo >> 24] ^ kTables[3][hi & 0xFF] ^ kTables[2][(hi >> 8) & 0xFF] ^
          kTables[1][(hi >> 16) & 0xFF] ^ kTables[0][hi >> 24];
    p += 8;
    n -= 8;
  }
  while (n--) crc = (crc >> 8) ^ kTables[0][(crc ^ *p++) & 0xFF];
  return crc;
}

#if SKIFF_CRC32C_HAVE_SSE42
__attribute__((target("sse4.2"))) inline uint32_t update_sse42(uint32_t crc, const uint8_t* p,
                                                               std::size_t n) {
  uint64_t c = crc;
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    c = _mm_crc32_u64(c, v);
    p += 8;
    n -= 8;
  }
  auto c32 = static_cast<uint32_t>(c);
  while (n--) c32 = _mm_crc32_u8(c32, *p++);
  return c32;
}
#endif

}  // namespace crc32c_detail

// True when crc32c() uses the CPU instruction (for diagnostics and tests).
inline bool crc32c_hardware_available() {
#if SKIFF_CRC32C_HAVE_SSE42
  static const bool available = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("sse4.2") != 0;
  }();
  return available;
#else
  return false;
#endif
}

// The table-driven implementation, always available (tests compare both paths).
inline uint32_t crc32c_software(const void* data, std::size_t size, uint32_t seed = 0) {
  return ~crc32c_detail::update_software(~seed, static_cast<const uint8_t*>(data), size);
}

// CRC-32C of `size` bytes. `seed` is a previous result, to checksum a message in
// pieces: crc32c(b, nb, crc32c(a, na)) == crc32c(a followed by b).
inline uint32_t crc32c(const void* data, std::size_t size, uint32_t seed = 0) {
#if SKIFF_CRC32C_HAVE_SSE42
  if (crc32c_hardware_available()) {
    return ~crc32c_detail::update_sse42(~seed, static_cast<const uint8_t*>(data), size);
  }
#endif
  return crc32c_software(data, size, seed);
}

inline uint32_t crc32c(std::span<const uint8_t> bytes, uint32_t seed = 0) {
  return crc32c(bytes.data(), bytes.size(), seed);
}

}  // namespace skiff::sdk

// CRC-32C: published check values, chaining, and agreement of the SSE4.2 and table paths.
#include "skiff/sdk/crc32c.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <numeric>
#include <random>
#include <vector>

using skiff::sdk::crc32c;
using skiff::sdk::crc32c_software;

TEST_CASE("crc32c matches the published check values", "[crc32c]") {
  const char* digits = "123456789";
  CHECK(crc32c(digits, 9) == 0xE3069283u);
  CHECK(crc32c_software(digits, 9) == 0xE3069283u);
  CHECK(crc32c("", 0) == 0u);

  // RFC 3720 (iSCSI) appendix B.4.
  std::vector<uint8_t> zeros(32, 0x00), ones(32, 0xFF), up(32), down(32);
  std::iota(up.begin(), up.end(), 0);
  for (int i = 0; i < 32; ++i) down[i] = static_cast<uint8_t>(31 - i);
  CHECK(crc32c(zeros.data(), zeros.size()) == 0x8A9136AAu);
  CHECK(crc32c(ones.data(), ones.size()) == 0x62A8AB43u);
  CHECK(crc32c(up.data(), up.size()) == 0x46DD794Eu);
  CHECK(crc32c(down.data(), down.size()) == 0x113FDB5Cu);
}

TEST_CASE("crc32c continues a running checksum", "[crc32c]") {
  const char* text = "The quick brown fox jumps over the lazy dog";
  std::size_t n = std::strlen(text);
  uint32_t whole = crc32c(text, n);
  for (std::size_t split = 0; split <= n; ++split) {
    CHECK(crc32c(text + split, n - split, crc32c(text, split)) == whole);
  }
}

TEST_CASE("hardware and table implementations agree on every length and alignment", "[crc32c]") {
  std::mt19937 rng(42);
  std::vector<uint8_t> data(4096 + 16);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  INFO("hardware path available: " << skiff::sdk::crc32c_hardware_available());
  for (std::size_t align = 0; align < 8; ++align) {
    for (std::size_t len : {0, 1, 7, 8, 9, 15, 16, 63, 64, 65, 1000, 4096}) {
      CHECK(crc32c(data.data() + align, len, 0x1234u) ==
            crc32c_software(data.data() + align, len, 0x1234u));
    }
  }
}

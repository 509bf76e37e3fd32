// SampleGen: deterministic sample values for the generated fill_sample() functions.
// Each call returns a different value, cycling through varint-length and sign edge
// cases, and never the field's default (so every present field is really encoded).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernel/protocol/wire/records.h"
#include "kernel/protocol/wire/tagged_field.h"
#include "skiff/sdk/types.h"

namespace skiff::protocol {

class SampleGen {
 public:
  // Null wherever the version allows it (else: values wherever the version allows).
  bool prefer_null = false;

  int8_t i8(int8_t avoid) { return pick<int8_t>(avoid); }
  int16_t i16(int16_t avoid) { return pick<int16_t>(avoid); }
  uint16_t u16(uint16_t avoid) { return pick<uint16_t>(avoid); }
  int32_t i32(int32_t avoid) { return pick<int32_t>(avoid); }
  uint32_t u32(uint32_t avoid) { return pick<uint32_t>(avoid); }
  int64_t i64(int64_t avoid) { return pick<int64_t>(avoid); }
  double f64(double avoid) {
    double v = static_cast<double>(raw()) + 0.5;
    return v == avoid ? v + 1 : v;
  }
  sdk::Uuid uuid() {
    uint64_t n = next();
    return sdk::Uuid{0x0123456789abcdefULL ^ n, ~n};
  }
  // Mostly short; every fifth is long enough for a two-byte length varint.
  std::string str() {
    uint64_t n = next();
    std::string s = "s" + std::to_string(n);
    if (n % 5 == 0) s.append(200, 'x');
    return s;
  }
  std::vector<uint8_t> bytes() {
    uint64_t n = next();
    std::vector<uint8_t> b(n % 5 == 0 ? 150 : n % 7 + 1);
    for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<uint8_t>(n + i);
    return b;
  }
  Records records() { return Records::from_bytes(bytes()); }
  // Tags above every tag Kafka's schemas use, so their order is preserved.
  TaggedField unknown_tagged_field() {
    uint64_t n = next();
    return TaggedField{static_cast<uint32_t>(1000 + n % 100), {static_cast<uint8_t>(n), 0xAB}};
  }

 private:
  uint64_t next() { return ++counter_; }

  // Cycles through values around varint and sign boundaries.
  int64_t raw() {
    static constexpr int64_t kValues[] = {
        1, -1, 63, -64, 64, 127, 128, -129, 255, 300, 16383, 16384, 32767, -32768,
        65535, 1 << 20, 2147483647, -2147483647 - 1, 4294967295LL, 1LL << 40,
        9223372036854775807LL, -9223372036854775807LL - 1, 42, 7};
    return kValues[next() % (sizeof kValues / sizeof kValues[0])];
  }

  template <class T>
  T pick(T avoid) {
    T v = static_cast<T>(raw());
    return v == avoid ? static_cast<T>(v + 1) : v;
  }

  uint64_t counter_ = 0;
};

}  // namespace skiff::protocol

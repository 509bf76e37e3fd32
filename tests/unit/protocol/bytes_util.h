// Test helpers: byte vectors from hex, encoding with a Writer, and a Reader over a vector.
#pragma once

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernel/protocol/wire/reader.h"
#include "kernel/protocol/wire/writer.h"

namespace skiff::protocol::test {

// "00 0a ff" -> {0x00, 0x0a, 0xff}; spaces are ignored.
inline std::vector<uint8_t> hex(const std::string& text) {
  std::vector<uint8_t> out;
  std::string digits;
  for (char c : text) {
    if (c != ' ' && c != '\n') digits.push_back(c);
  }
  if (digits.size() % 2 != 0) throw std::invalid_argument("odd number of hex digits");
  for (size_t i = 0; i < digits.size(); i += 2) {
    out.push_back(static_cast<uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  }
  return out;
}

inline std::vector<uint8_t> encoded(const std::function<void(Writer&)>& write) {
  Writer w;
  write(w);
  return std::move(w).finish().flatten();
}

inline Reader reader_of(const std::vector<uint8_t>& bytes) {
  return Reader(bytes.data(), bytes.size());
}

}  // namespace skiff::protocol::test

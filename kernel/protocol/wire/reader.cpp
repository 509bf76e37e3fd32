// Reader: bounds-checked primitive decoding.
#include "kernel/protocol/wire/reader.h"

#include <cstring>

#include "kernel/protocol/wire/byte_order.h"

namespace skiff::protocol {

namespace {

[[noreturn]] void fail(const std::string& what, size_t position) {
  throw DecodeError(what + " at byte " + std::to_string(position));
}

}  // namespace

Reader::Reader(const uint8_t* data, size_t size, std::shared_ptr<const void> owner)
    : data_(data), size_(size), owner_(std::move(owner)) {}

const uint8_t* Reader::take(size_t n) {
  if (n > remaining()) {
    fail("truncated input: need " + std::to_string(n) + " bytes, have " +
             std::to_string(remaining()),
         pos_);
  }
  const uint8_t* p = data_ + pos_;
  pos_ += n;
  return p;
}

size_t Reader::checked_length(int64_t n, const char* what) {
  if (n < 0) fail(std::string("negative ") + what + " length " + std::to_string(n), pos_);
  if (static_cast<uint64_t>(n) > remaining()) {
    fail(std::string(what) + " length " + std::to_string(n) + " exceeds the remaining " +
             std::to_string(remaining()) + " bytes",
         pos_);
  }
  return static_cast<size_t>(n);
}

int8_t Reader::read_int8() { return static_cast<int8_t>(*take(1)); }
int16_t Reader::read_int16() { return static_cast<int16_t>(byte_order::load16(take(2))); }
int32_t Reader::read_int32() { return static_cast<int32_t>(byte_order::load32(take(4))); }
int64_t Reader::read_int64() { return static_cast<int64_t>(byte_order::load64(take(8))); }
uint16_t Reader::read_uint16() { return byte_order::load16(take(2)); }
uint32_t Reader::read_uint32() { return byte_order::load32(take(4)); }
bool Reader::read_bool() { return *take(1) != 0; }

double Reader::read_float64() {
  uint64_t bits = byte_order::load64(take(8));
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

sdk::Uuid Reader::read_uuid() {
  const uint8_t* p = take(16);
  return sdk::Uuid{byte_order::load64(p), byte_order::load64(p + 8)};
}

uint32_t Reader::read_uvarint() {
  const size_t start = pos_;
  uint32_t value = 0;
  for (int i = 0; i < 5; ++i) {
    uint8_t b = *take(1);
    // The fifth byte carries the top 4 bits; anything more would overflow 32 bits.
    if (i == 4 && b > 0x0F) fail("unsigned varint longer than 32 bits", start);
    value |= static_cast<uint32_t>(b & 0x7F) << (7 * i);
    if ((b & 0x80) == 0) return value;
  }
  fail("unsigned varint longer than 32 bits", start);
}

uint64_t Reader::read_uvarlong() {
  const size_t start = pos_;
  uint64_t value = 0;
  for (int i = 0; i < 10; ++i) {
    uint8_t b = *take(1);
    if (i == 9 && b > 0x01) fail("unsigned varlong longer than 64 bits", start);
    value |= static_cast<uint64_t>(b & 0x7F) << (7 * i);
    if ((b & 0x80) == 0) return value;
  }
  fail("unsigned varlong longer than 64 bits", start);
}

int32_t Reader::read_varint() {
  uint32_t v = read_uvarint();
  return static_cast<int32_t>((v >> 1) ^ (~(v & 1) + 1));
}

int64_t Reader::read_varlong() {
  uint64_t v = read_uvarlong();
  return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

// --- strings ---

std::optional<std::string> Reader::read_nullable_string() {
  int16_t n = read_int16();
  if (n == -1) return std::nullopt;
  size_t len = checked_length(n, "string");
  const uint8_t* p = take(len);
  return std::string(reinterpret_cast<const char*>(p), len);
}

std::optional<std::string> Reader::read_compact_nullable_string() {
  uint32_t n = read_uvarint();
  if (n == 0) return std::nullopt;
  size_t len = checked_length(int64_t{n} - 1, "compact string");
  const uint8_t* p = take(len);
  return std::string(reinterpret_cast<const char*>(p), len);
}

std::optional<std::string> Reader::read_nullable_string(bool compact) {
  return compact ? read_compact_nullable_string() : read_nullable_string();
}

std::string Reader::read_string(bool compact) {
  const size_t start = pos_;
  auto s = read_nullable_string(compact);
  if (!s) fail("null string in a non-nullable field", start);
  return std::move(*s);
}

std::string Reader::read_string() { return read_string(false); }
std::string Reader::read_compact_string() { return read_string(true); }

// --- bytes ---

std::optional<std::vector<uint8_t>> Reader::read_nullable_bytes() {
  int32_t n = read_int32();
  if (n == -1) return std::nullopt;
  auto raw = read_raw(checked_length(n, "bytes"));
  return std::vector<uint8_t>(raw.begin(), raw.end());
}

std::optional<std::vector<uint8_t>> Reader::read_compact_nullable_bytes() {
  uint32_t n = read_uvarint();
  if (n == 0) return std::nullopt;
  auto raw = read_raw(checked_length(int64_t{n} - 1, "compact bytes"));
  return std::vector<uint8_t>(raw.begin(), raw.end());
}

std::optional<std::vector<uint8_t>> Reader::read_nullable_bytes(bool compact) {
  return compact ? read_compact_nullable_bytes() : read_nullable_bytes();
}

std::vector<uint8_t> Reader::read_bytes(bool compact) {
  const size_t start = pos_;
  auto b = read_nullable_bytes(compact);
  if (!b) fail("null bytes in a non-nullable field", start);
  return std::move(*b);
}

std::vector<uint8_t> Reader::read_bytes() { return read_bytes(false); }
std::vector<uint8_t> Reader::read_compact_bytes() { return read_bytes(true); }

// --- records, arrays ---

Records Reader::read_records(bool compact) {
  int64_t n;
  if (compact) {
    n = int64_t{read_uvarint()} - 1;
  } else {
    n = read_int32();
  }
  if (n == -1) return Records::null();
  size_t len = checked_length(n, "records");
  const uint8_t* p = take(len);
  return Records::view(p, len, owner_);
}

int32_t Reader::read_array_length(bool compact) { return read_array_length(compact, 1); }

int32_t Reader::read_array_length(bool compact, size_t element_size) {
  const size_t start = pos_;
  int64_t n = compact ? int64_t{read_uvarint()} - 1 : int64_t{read_int32()};
  if (n == -1) return -1;
  if (n < 0) fail("negative array length " + std::to_string(n), start);
  if (static_cast<uint64_t>(n) > remaining() / (element_size == 0 ? 1 : element_size)) {
    fail("array of " + std::to_string(n) + " elements does not fit in the remaining " +
             std::to_string(remaining()) + " bytes",
         start);
  }
  return static_cast<int32_t>(n);
}

// --- raw, sub-readers ---

std::span<const uint8_t> Reader::read_raw(size_t n) { return {take(n), n}; }

Reader Reader::sub_reader(size_t n) {
  const uint8_t* p = take(n);
  return Reader(p, n, owner_);
}

void Reader::expect_end(const char* what) const {
  if (!at_end()) {
    fail(std::string(what) + ": " + std::to_string(remaining()) + " unexpected trailing bytes",
         pos_);
  }
}

// --- tagged fields ---

uint32_t Reader::read_tagged_field_count() {
  const size_t start = pos_;
  uint32_t n = read_uvarint();
  // Each field takes at least two bytes (tag and size).
  if (n > remaining() / 2) fail("tagged field count " + std::to_string(n) + " too large", start);
  return n;
}

Reader Reader::read_tagged_field(uint32_t& tag) {
  tag = read_uvarint();
  uint32_t size = read_uvarint();
  return sub_reader(checked_length(size, "tagged field"));
}

TaggedField Reader::to_unknown_tagged_field(uint32_t tag) {
  auto raw = read_raw(remaining());
  return TaggedField{tag, std::vector<uint8_t>(raw.begin(), raw.end())};
}

void Reader::read_unknown_tagged_fields(std::vector<TaggedField>& out) {
  uint32_t n = read_tagged_field_count();
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t tag;
    Reader field = read_tagged_field(tag);
    out.push_back(field.to_unknown_tagged_field(tag));
  }
}

}  // namespace skiff::protocol

// Reader: bounds-checked decoding of Kafka wire primitives from a byte range.
// Every read throws DecodeError on truncation or an invalid length, and lengths are
// checked against the remaining bytes before anything is allocated. Records read
// from it are views into the range, kept alive by the owner given at construction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kernel/protocol/wire/errors.h"
#include "kernel/protocol/wire/records.h"
#include "kernel/protocol/wire/tagged_field.h"
#include "skiff/sdk/types.h"

namespace skiff::protocol {

class Reader {
 public:
  // `owner` (may be null) keeps [data, data + size) alive for Records views.
  Reader(const uint8_t* data, size_t size, std::shared_ptr<const void> owner = {});

  size_t position() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }
  bool at_end() const { return pos_ == size_; }
  const uint8_t* current() const { return data_ + pos_; }
  const std::shared_ptr<const void>& owner() const { return owner_; }

  // Fixed-width, big-endian.
  int8_t read_int8();
  int16_t read_int16();
  int32_t read_int32();
  int64_t read_int64();
  uint16_t read_uint16();
  uint32_t read_uint32();
  double read_float64();
  bool read_bool();  // any non-zero byte is true, as in Kafka
  sdk::Uuid read_uuid();  // high = first 8 bytes

  // Variable-length: unsigned LEB128 (at most 5 / 10 bytes) and zigzag signed.
  uint32_t read_uvarint();
  uint64_t read_uvarlong();
  int32_t read_varint();
  int64_t read_varlong();

  // STRING (int16 length) and COMPACT_STRING (uvarint length + 1). The non-nullable
  // forms reject null; the `compact` overloads pick the form at run time.
  std::string read_string();
  std::string read_compact_string();
  std::optional<std::string> read_nullable_string();
  std::optional<std::string> read_compact_nullable_string();
  std::string read_string(bool compact);
  std::optional<std::string> read_nullable_string(bool compact);

  // BYTES (int32 length) and COMPACT_BYTES (uvarint length + 1).
  std::vector<uint8_t> read_bytes();
  std::vector<uint8_t> read_compact_bytes();
  std::optional<std::vector<uint8_t>> read_nullable_bytes();
  std::optional<std::vector<uint8_t>> read_compact_nullable_bytes();
  std::vector<uint8_t> read_bytes(bool compact);
  std::optional<std::vector<uint8_t>> read_nullable_bytes(bool compact);

  // RECORDS: nullable bytes, returned as a view into this reader's range.
  Records read_records(bool compact);

  // An array's element count: -1 for null, otherwise at most remaining() (every
  // element takes at least one byte, as Kafka also assumes).
  int32_t read_array_length(bool compact);
  // Same, for arrays whose elements take `element_size` bytes each.
  int32_t read_array_length(bool compact, size_t element_size);

  // Raw access.
  std::span<const uint8_t> read_raw(size_t n);
  void skip(size_t n) { read_raw(n); }
  // The next n bytes as their own Reader (same owner); this one moves past them.
  Reader sub_reader(size_t n);
  // Throws DecodeError unless every byte was consumed; `what` names the thing read.
  void expect_end(const char* what) const;

  // Tagged-field sections (flexible versions): the count, then one header per field.
  uint32_t read_tagged_field_count();
  // Reads one field's tag and size, and returns a Reader over its value.
  Reader read_tagged_field(uint32_t& tag);
  // A whole section of fields none of which is known to the caller.
  void read_unknown_tagged_fields(std::vector<TaggedField>& out);
  // The rest of this reader as an unknown field's value.
  TaggedField to_unknown_tagged_field(uint32_t tag);

 private:
  const uint8_t* take(size_t n);
  size_t checked_length(int64_t n, const char* what);

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  std::shared_ptr<const void> owner_;
};

}  // namespace skiff::protocol

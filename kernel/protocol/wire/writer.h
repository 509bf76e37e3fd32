// Writer: encodes Kafka wire primitives into a growable buffer. Records holding
// file slices are not copied: the writer notes where each slice goes, and finish()
// returns an OutputBuffer of byte ranges and file slices in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/protocol/wire/errors.h"
#include "kernel/protocol/wire/output_buffer.h"
#include "kernel/protocol/wire/records.h"
#include "kernel/protocol/wire/tagged_field.h"
#include "skiff/sdk/types.h"

namespace skiff::protocol {

class Writer {
 public:
  Writer() = default;
  explicit Writer(size_t reserve) { buffer_.reserve(reserve); }

  // Logical size so far: buffered bytes plus file slices.
  size_t size() const { return buffer_.size() + file_bytes_; }

  // Fixed-width, big-endian.
  void write_int8(int8_t v);
  void write_int16(int16_t v);
  void write_int32(int32_t v);
  void write_int64(int64_t v);
  void write_uint16(uint16_t v);
  void write_uint32(uint32_t v);
  void write_float64(double v);
  void write_bool(bool v) { write_int8(v ? 1 : 0); }
  void write_uuid(const sdk::Uuid& v);

  // Variable-length: unsigned LEB128 and zigzag signed.
  void write_uvarint(uint32_t v);
  void write_uvarlong(uint64_t v);
  void write_varint(int32_t v);
  void write_varlong(int64_t v);

  // STRING / COMPACT_STRING; EncodeError if too long for the form.
  void write_string(std::string_view s);
  void write_compact_string(std::string_view s);
  void write_nullable_string(const std::optional<std::string>& s);
  void write_compact_nullable_string(const std::optional<std::string>& s);
  void write_string(std::string_view s, bool compact);
  void write_nullable_string(const std::optional<std::string>& s, bool compact);

  // BYTES / COMPACT_BYTES.
  void write_bytes(std::span<const uint8_t> b);
  void write_compact_bytes(std::span<const uint8_t> b);
  void write_bytes(std::span<const uint8_t> b, bool compact);
  void write_nullable_bytes(const std::optional<std::vector<uint8_t>>& b, bool compact);

  // RECORDS: the length prefix, then each chunk (bytes copied, file slices noted).
  void write_records(const Records& records, bool compact);

  // Array lengths: a count, or null.
  void write_array_size(size_t n, bool compact);
  void write_null_array(bool compact);

  void write_raw(const void* data, size_t n);
  void write_raw(std::span<const uint8_t> b) { write_raw(b.data(), b.size()); }
  void write_file_slice(const sdk::FileSlice& slice);

  // Tagged-field sections. For structs with no known tagged fields: count + fields.
  void write_tagged_fields(const std::vector<TaggedField>& fields);
  // One field whose value was encoded into `value`.
  void write_tagged_field(uint32_t tag, Writer&& value);
  // Unknown fields from fields[from] on whose tag is below `tag_limit` (fields are
  // written in ascending tag order, merged with known ones); returns the next index.
  size_t write_unknown_tagged_fields_below(const std::vector<TaggedField>& fields, size_t from,
                                           uint32_t tag_limit);
  // The remaining unknown fields from fields[from] on.
  void write_unknown_tagged_fields_from(const std::vector<TaggedField>& fields, size_t from);

  // A 4-byte placeholder to fill later (frame and size prefixes); returns its token.
  size_t reserve_int32();
  void patch_int32(size_t token, int32_t v);

  // Moves `other`'s content (bytes and file slices) to the end of this writer.
  void append(Writer&& other);

  OutputBuffer finish() &&;

 private:
  uint8_t* grow(size_t n);
  void write_unknown_tagged_field(const TaggedField& field);

  std::vector<uint8_t> buffer_;
  std::vector<OutputBuffer::FileAt> files_;
  size_t file_bytes_ = 0;
};

}  // namespace skiff::protocol

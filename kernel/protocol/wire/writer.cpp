// Writer: primitive encoding and the bookkeeping of file-slice pieces.
#include "kernel/protocol/wire/writer.h"

#include <cstring>
#include <limits>

#include "kernel/protocol/wire/byte_order.h"

namespace skiff::protocol {

uint8_t* Writer::grow(size_t n) {
  size_t at = buffer_.size();
  buffer_.resize(at + n);
  return buffer_.data() + at;
}

void Writer::write_int8(int8_t v) { buffer_.push_back(static_cast<uint8_t>(v)); }
void Writer::write_int16(int16_t v) { byte_order::store16(grow(2), static_cast<uint16_t>(v)); }
void Writer::write_int32(int32_t v) { byte_order::store32(grow(4), static_cast<uint32_t>(v)); }
void Writer::write_int64(int64_t v) { byte_order::store64(grow(8), static_cast<uint64_t>(v)); }
void Writer::write_uint16(uint16_t v) { byte_order::store16(grow(2), v); }
void Writer::write_uint32(uint32_t v) { byte_order::store32(grow(4), v); }

void Writer::write_float64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  byte_order::store64(grow(8), bits);
}

void Writer::write_uuid(const sdk::Uuid& v) {
  uint8_t* p = grow(16);
  byte_order::store64(p, v.high);
  byte_order::store64(p + 8, v.low);
}

void Writer::write_uvarlong(uint64_t v) {
  while (v >= 0x80) {
    buffer_.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  buffer_.push_back(static_cast<uint8_t>(v));
}

void Writer::write_uvarint(uint32_t v) { write_uvarlong(v); }

void Writer::write_varint(int32_t v) {
  uint32_t u = static_cast<uint32_t>(v);
  write_uvarint((u << 1) ^ static_cast<uint32_t>(v >> 31));
}

void Writer::write_varlong(int64_t v) {
  uint64_t u = static_cast<uint64_t>(v);
  write_uvarlong((u << 1) ^ static_cast<uint64_t>(v >> 63));
}

namespace {

// A compact length prefix holds length + 1 in an unsigned varint.
uint32_t compact_length(size_t n, const char* what) {
  if (n >= std::numeric_limits<uint32_t>::max()) {
    throw EncodeError(std::string(what) + " too long: " + std::to_string(n) + " bytes");
  }
  return static_cast<uint32_t>(n + 1);
}

int32_t int32_length(size_t n, const char* what) {
  if (n > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw EncodeError(std::string(what) + " too long: " + std::to_string(n) + " bytes");
  }
  return static_cast<int32_t>(n);
}

}  // namespace

// --- strings ---

void Writer::write_string(std::string_view s) {
  if (s.size() > static_cast<size_t>(std::numeric_limits<int16_t>::max())) {
    throw EncodeError("string too long: " + std::to_string(s.size()) + " bytes");
  }
  write_int16(static_cast<int16_t>(s.size()));
  write_raw(s.data(), s.size());
}

void Writer::write_compact_string(std::string_view s) {
  write_uvarint(compact_length(s.size(), "compact string"));
  write_raw(s.data(), s.size());
}

void Writer::write_nullable_string(const std::optional<std::string>& s) {
  if (s) write_string(*s); else write_int16(-1);
}

void Writer::write_compact_nullable_string(const std::optional<std::string>& s) {
  if (s) write_compact_string(*s); else write_uvarint(0);
}

void Writer::write_string(std::string_view s, bool compact) {
  if (compact) write_compact_string(s); else write_string(s);
}

void Writer::write_nullable_string(const std::optional<std::string>& s, bool compact) {
  if (compact) write_compact_nullable_string(s); else write_nullable_string(s);
}

// --- bytes ---

void Writer::write_bytes(std::span<const uint8_t> b) {
  write_int32(int32_length(b.size(), "bytes"));
  write_raw(b);
}

void Writer::write_compact_bytes(std::span<const uint8_t> b) {
  write_uvarint(compact_length(b.size(), "compact bytes"));
  write_raw(b);
}

void Writer::write_bytes(std::span<const uint8_t> b, bool compact) {
  if (compact) write_compact_bytes(b); else write_bytes(b);
}

void Writer::write_nullable_bytes(const std::optional<std::vector<uint8_t>>& b, bool compact) {
  if (b) {
    write_bytes(*b, compact);
  } else if (compact) {
    write_uvarint(0);
  } else {
    write_int32(-1);
  }
}

// --- records, arrays ---

void Writer::write_records(const Records& records, bool compact) {
  if (records.is_null()) {
    if (compact) write_uvarint(0); else write_int32(-1);
    return;
  }
  if (compact) {
    write_uvarint(compact_length(records.size(), "records"));
  } else {
    write_int32(int32_length(records.size(), "records"));
  }
  for (size_t i = 0; i < records.chunk_count(); ++i) {
    const Records::Chunk& c = records.chunk(i);
    if (c.is_file) write_file_slice(c.file); else write_raw(c.data, c.size);
  }
}

void Writer::write_array_size(size_t n, bool compact) {
  if (compact) {
    write_uvarint(compact_length(n, "array"));
  } else {
    write_int32(int32_length(n, "array"));
  }
}

void Writer::write_null_array(bool compact) {
  if (compact) write_uvarint(0); else write_int32(-1);
}

void Writer::write_raw(const void* data, size_t n) {
  if (n == 0) return;
  std::memcpy(grow(n), data, n);
}

void Writer::write_file_slice(const sdk::FileSlice& slice) {
  files_.push_back(OutputBuffer::FileAt{buffer_.size(), slice});
  file_bytes_ += slice.length;
}

// --- tagged fields ---

void Writer::write_tagged_fields(const std::vector<TaggedField>& fields) {
  write_uvarint(static_cast<uint32_t>(fields.size()));
  write_unknown_tagged_fields_from(fields, 0);
}

void Writer::write_tagged_field(uint32_t tag, Writer&& value) {
  write_uvarint(tag);
  write_uvarint(compact_length(value.size(), "tagged field") - 1);
  append(std::move(value));
}

void Writer::write_unknown_tagged_field(const TaggedField& field) {
  write_uvarint(field.tag);
  write_uvarint(compact_length(field.data.size(), "tagged field") - 1);
  write_raw(field.data.data(), field.data.size());
}

size_t Writer::write_unknown_tagged_fields_below(const std::vector<TaggedField>& fields,
                                                 size_t from, uint32_t tag_limit) {
  for (; from < fields.size() && fields[from].tag < tag_limit; ++from) {
    write_unknown_tagged_field(fields[from]);
  }
  return from;
}

void Writer::write_unknown_tagged_fields_from(const std::vector<TaggedField>& fields,
                                              size_t from) {
  for (; from < fields.size(); ++from) write_unknown_tagged_field(fields[from]);
}

// --- placeholders, composition ---

size_t Writer::reserve_int32() {
  size_t token = buffer_.size();
  grow(4);
  return token;
}

void Writer::patch_int32(size_t token, int32_t v) {
  byte_order::store32(buffer_.data() + token, static_cast<uint32_t>(v));
}

void Writer::append(Writer&& other) {
  size_t shift = buffer_.size();
  for (auto& f : other.files_) {
    files_.push_back(OutputBuffer::FileAt{f.at + shift, std::move(f.slice)});
  }
  file_bytes_ += other.file_bytes_;
  buffer_.insert(buffer_.end(), other.buffer_.begin(), other.buffer_.end());
  other.buffer_.clear();
  other.files_.clear();
  other.file_bytes_ = 0;
}

OutputBuffer Writer::finish() && {
  file_bytes_ = 0;
  return OutputBuffer(std::move(buffer_), std::move(files_));
}

}  // namespace skiff::protocol

// Kafka RecordBatch v2 (magic 2), the unit producers send, brokers store and
// consumers fetch. Header-only helpers shared by the kernel, storage engines and
// tools:
//   - the header layout (`batch::kBaseOffset` ...) and a parsed view, RecordBatchHeader;
//   - attribute helpers (compression, timestamp type, transactional, control);
//   - validate_batch(): length, magic, CRC-32C and, for uncompressed batches, the
//     varint framing of every record; validate_records() holds a records section
//     (decompressed by the storage engine for compressed batches) to the same rules;
//   - in-place rewrites a broker needs (base offset, leader epoch, LogAppendTime);
//   - for_each_record() to walk an uncompressed batch, for_each_record_in() to walk any
//     records section, and build_batch() to encode one.
//
// Layout (big-endian; the CRC covers attributes..end, so rewriting baseOffset or
// partitionLeaderEpoch never changes it):
//   baseOffset i64 | batchLength i32 | partitionLeaderEpoch i32 | magic i8 | crc u32 |
//   attributes i16 | lastOffsetDelta i32 | baseTimestamp i64 | maxTimestamp i64 |
//   producerId i64 | producerEpoch i16 | baseSequence i32 | recordsCount i32 | records
// Record: length varint | attributes i8 | timestampDelta varlong | offsetDelta varint |
//   keyLength varint | key | valueLength varint | value | headerCount varint |
//   [headerKeyLength varint | headerKey | headerValueLength varint | headerValue]
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "skiff/sdk/crc32c.h"
#include "skiff/sdk/error_code.h"

namespace skiff::sdk {

// ---------------------------------------------------------------------------
// Big-endian integers (Kafka's wire and disk byte order).

namespace endian_detail {
template <class U>
inline U to_big(U v) {
  if constexpr (std::endian::native == std::endian::big || sizeof(U) == 1) {
    return v;
  } else if constexpr (sizeof(U) == 2) {
    return static_cast<U>(__builtin_bswap16(v));
  } else if constexpr (sizeof(U) == 4) {
    return static_cast<U>(__builtin_bswap32(v));
  } else {
    static_assert(sizeof(U) == 8);
    return static_cast<U>(__builtin_bswap64(v));
  }
}
}  // namespace endian_detail

template <class T>
inline T load_be(const uint8_t* p) {
  static_assert(std::is_integral_v<T>);
  std::make_unsigned_t<T> v;
  std::memcpy(&v, p, sizeof v);
  return static_cast<T>(endian_detail::to_big(v));
}

template <class T>
inline void store_be(uint8_t* p, T value) {
  static_assert(std::is_integral_v<T>);
  auto v = endian_detail::to_big(static_cast<std::make_unsigned_t<T>>(value));
  std::memcpy(p, &v, sizeof v);
}

// ---------------------------------------------------------------------------
// Header layout.

namespace batch {
inline constexpr std::size_t kBaseOffset = 0;
inline constexpr std::size_t kBatchLength = 8;
inline constexpr std::size_t kPartitionLeaderEpoch = 12;
inline constexpr std::size_t kMagic = 16;
inline constexpr std::size_t kCrc = 17;
inline constexpr std::size_t kAttributes = 21;
inline constexpr std::size_t kLastOffsetDelta = 23;
inline constexpr std::size_t kBaseTimestamp = 27;
inline constexpr std::size_t kMaxTimestamp = 35;
inline constexpr std::size_t kProducerId = 43;
inline constexpr std::size_t kProducerEpoch = 51;
inline constexpr std::size_t kBaseSequence = 53;
inline constexpr std::size_t kRecordsCount = 57;
inline constexpr std::size_t kHeaderSize = 61;
// baseOffset and batchLength precede what batchLength counts.
inline constexpr std::size_t kLogOverhead = 12;
// The smallest legal batchLength: a header with no records.
inline constexpr int32_t kMinBatchLength = static_cast<int32_t>(kHeaderSize - kLogOverhead);

inline constexpr int8_t kMagicV2 = 2;
inline constexpr int64_t kNoProducerId = -1;
inline constexpr int16_t kNoProducerEpoch = -1;
inline constexpr int32_t kNoSequence = -1;
inline constexpr int32_t kNoPartitionLeaderEpoch = -1;
inline constexpr int64_t kNoTimestamp = -1;

// Attribute bits.
inline constexpr int16_t kCompressionMask = 0x07;
inline constexpr int16_t kTimestampTypeBit = 0x08;
inline constexpr int16_t kTransactionalBit = 0x10;
inline constexpr int16_t kControlBit = 0x20;
inline constexpr int16_t kDeleteHorizonBit = 0x40;
}  // namespace batch

enum class Compression : uint8_t { kNone = 0, kGzip = 1, kSnappy = 2, kLz4 = 3, kZstd = 4 };
enum class TimestampType : uint8_t { kCreateTime = 0, kLogAppendTime = 1 };

// Attribute helpers. compression_id() may return an undefined id (5..7);
// validate_batch() rejects those.
inline int compression_id(int16_t attributes) { return attributes & batch::kCompressionMask; }
inline Compression compression_of(int16_t attributes) {
  return static_cast<Compression>(compression_id(attributes));
}
inline TimestampType timestamp_type_of(int16_t attributes) {
  return (attributes & batch::kTimestampTypeBit) ? TimestampType::kLogAppendTime
                                                 : TimestampType::kCreateTime;
}
inline bool is_transactional(int16_t attributes) { return attributes & batch::kTransactionalBit; }
inline bool is_control(int16_t attributes) { return attributes & batch::kControlBit; }

// ---------------------------------------------------------------------------
// Parsed header.

struct RecordBatchHeader {
  int64_t base_offset = 0;
  int32_t batch_length = 0;
  int32_t partition_leader_epoch = batch::kNoPartitionLeaderEpoch;
  int8_t magic = batch::kMagicV2;
  uint32_t crc = 0;
  int16_t attributes = 0;
  int32_t last_offset_delta = 0;
  int64_t base_timestamp = batch::kNoTimestamp;
  int64_t max_timestamp = batch::kNoTimestamp;
  int64_t producer_id = batch::kNoProducerId;
  int16_t producer_epoch = batch::kNoProducerEpoch;
  int32_t base_sequence = batch::kNoSequence;
  int32_t records_count = 0;

  // Reads the 61 header bytes at `p` (no validation; see validate_batch()).
  static RecordBatchHeader parse(const uint8_t* p) {
    RecordBatchHeader h;
    h.base_offset = load_be<int64_t>(p + batch::kBaseOffset);
    h.batch_length = load_be<int32_t>(p + batch::kBatchLength);
    h.partition_leader_epoch = load_be<int32_t>(p + batch::kPartitionLeaderEpoch);
    h.magic = static_cast<int8_t>(p[batch::kMagic]);
    h.crc = load_be<uint32_t>(p + batch::kCrc);
    h.attributes = load_be<int16_t>(p + batch::kAttributes);
    h.last_offset_delta = load_be<int32_t>(p + batch::kLastOffsetDelta);
    h.base_timestamp = load_be<int64_t>(p + batch::kBaseTimestamp);
    h.max_timestamp = load_be<int64_t>(p + batch::kMaxTimestamp);
    h.producer_id = load_be<int64_t>(p + batch::kProducerId);
    h.producer_epoch = load_be<int16_t>(p + batch::kProducerEpoch);
    h.base_sequence = load_be<int32_t>(p + batch::kBaseSequence);
    h.records_count = load_be<int32_t>(p + batch::kRecordsCount);
    return h;
  }
  // Nullopt when fewer than kHeaderSize bytes are given.
  static std::optional<RecordBatchHeader> parse(std::span<const uint8_t> bytes) {
    if (bytes.size() < batch::kHeaderSize) return std::nullopt;
    return parse(bytes.data());
  }

  // Bytes the whole batch occupies, log overhead included.
  uint64_t size_in_bytes() const {
    return batch::kLogOverhead + static_cast<uint64_t>(static_cast<uint32_t>(batch_length));
  }
  // Wraps instead of overflowing on hostile input (validate before trusting it).
  int64_t last_offset() const {
    return static_cast<int64_t>(static_cast<uint64_t>(base_offset) +
                                static_cast<uint64_t>(static_cast<int64_t>(last_offset_delta)));
  }
  Compression compression() const { return compression_of(attributes); }
  TimestampType timestamp_type() const { return timestamp_type_of(attributes); }
  bool transactional() const { return is_transactional(attributes); }
  bool control() const { return is_control(attributes); }
  bool has_producer_id() const { return producer_id >= 0; }
  // Sequence of the last record; sequences wrap from INT32_MAX to 0.
  int32_t last_sequence() const {
    if (base_sequence == batch::kNoSequence) return batch::kNoSequence;
    int64_t last = static_cast<int64_t>(base_sequence) + last_offset_delta;
    return static_cast<int32_t>(last > INT32_MAX ? last - INT32_MAX - 1 : last);
  }
};

// ---------------------------------------------------------------------------
// Varints (protobuf encoding with zig-zag signs, as Kafka's records use).

inline void append_varlong(std::vector<uint8_t>& out, int64_t value) {
  uint64_t v = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}
inline void append_varint(std::vector<uint8_t>& out, int32_t value) { append_varlong(out, value); }

// Reads a record section without ever reading past its end; every read reports
// failure instead of throwing, so hostile input cannot crash the reader.
class RecordCursor {
 public:
  explicit RecordCursor(std::span<const uint8_t> data) : data_(data) {}

  std::size_t position() const { return pos_; }
  std::size_t remaining() const { return data_.size() - pos_; }

  bool read_varlong(int64_t& out) { return read_zigzag(out, 10); }
  bool read_varint(int32_t& out) {
    int64_t v;
    if (!read_zigzag(v, 5) || v < INT32_MIN || v > INT32_MAX) return false;
    out = static_cast<int32_t>(v);
    return true;
  }
  bool read_i8(int8_t& out) {
    if (remaining() < 1) return false;
    out = static_cast<int8_t>(data_[pos_++]);
    return true;
  }
  bool read_bytes(std::size_t n, std::span<const uint8_t>& out) {
    if (remaining() < n) return false;
    out = data_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  // A varint length then that many bytes; length -1 is null (only if allowed).
  bool read_nullable_bytes(std::optional<std::span<const uint8_t>>& out, bool allow_null = true) {
    int32_t n;
    if (!read_varint(n)) return false;
    if (n == -1 && allow_null) {
      out.reset();
      return true;
    }
    std::span<const uint8_t> bytes;
    if (n < 0 || !read_bytes(static_cast<std::size_t>(n), bytes)) return false;
    out = bytes;
    return true;
  }

 private:
  bool read_zigzag(int64_t& out, int max_bytes) {
    uint64_t raw = 0;
    for (int i = 0; i < max_bytes; ++i) {
      if (pos_ >= data_.size()) return false;
      uint8_t b = data_[pos_++];
      raw |= static_cast<uint64_t>(b & 0x7F) << (7 * i);
      if (!(b & 0x80)) {
        out = static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
        return true;
      }
    }
    return false;  // too long for its type
  }

  std::span<const uint8_t> data_;
  std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------
// Records of an uncompressed batch.

using NullableBytes = std::optional<std::span<const uint8_t>>;  // nullopt: null

struct RecordHeaderView {
  std::span<const uint8_t> key;
  NullableBytes value;
};

struct RecordView {
  int8_t attributes = 0;
  int64_t timestamp_delta = 0;
  int32_t offset_delta = 0;
  NullableBytes key;
  NullableBytes value;
  int32_t header_count = 0;
  std::span<const uint8_t> headers;  // encoded headers; walk them with for_each_header()
};

// Outcome of validation and record walks. Converts to true when the batch is fine.
struct BatchValidation {
  bool ok = true;
  ErrorCode error = ErrorCode::kNone;  // kCorruptMessage or kInvalidRecord
  std::string message;
  int32_t record_index = -1;  // the offending record, when one is to blame

  explicit operator bool() const { return ok; }

  static BatchValidation corrupt(std::string m) {
    return {false, ErrorCode::kCorruptMessage, std::move(m), -1};
  }
  static BatchValidation invalid(std::string m, int32_t record = -1) {
    return {false, ErrorCode::kInvalidRecord, std::move(m), record};
  }
};

namespace batch_detail {

// Parses one header entry; false on a framing error.
inline bool read_header(RecordCursor& c, RecordHeaderView& out) {
  NullableBytes key;
  if (!c.read_nullable_bytes(key, /*allow_null=*/false)) return false;
  out.key = *key;
  return c.read_nullable_bytes(out.value);
}

// Parses one record (its length prefix included); on failure says why in `why`.
inline bool read_record(RecordCursor& c, RecordView& out, const char*& why) {
  int32_t length;
  if (!c.read_varint(length) || length < 0) {
    why = "bad record length";
    return false;
  }
  std::span<const uint8_t> body;
  if (!c.read_bytes(static_cast<std::size_t>(length), body)) {
    why = "record length runs past the end of the batch";
    return false;
  }
  RecordCursor r(body);
  if (!r.read_i8(out.attributes) || !r.read_varlong(out.timestamp_delta) ||
      !r.read_varint(out.offset_delta)) {
    why = "truncated record prefix";
    return false;
  }
  if (!r.read_nullable_bytes(out.key) || !r.read_nullable_bytes(out.value)) {
    why = "bad key or value length";
    return false;
  }
  if (!r.read_varint(out.header_count) || out.header_count < 0) {
    why = "bad header count";
    return false;
  }
  std::size_t headers_start = r.position();
  RecordHeaderView header;
  for (int32_t i = 0; i < out.header_count; ++i) {
    if (!read_header(r, header)) {
      why = "bad record header";
      return false;
    }
  }
  out.headers = body.subspan(headers_start, r.position() - headers_start);
  if (r.remaining() != 0) {
    why = "record length does not match its fields";
    return false;
  }
  return true;
}

}  // namespace batch_detail

// A record's timestamp: the batch's maxTimestamp under LogAppendTime, else
// baseTimestamp + timestampDelta (saturated, so hostile deltas cannot overflow).
inline int64_t record_timestamp(const RecordBatchHeader& batch_header, const RecordView& record) {
  if (batch_header.timestamp_type() == TimestampType::kLogAppendTime)
    return batch_header.max_timestamp;
  int64_t ts;
  if (__builtin_add_overflow(batch_header.base_timestamp, record.timestamp_delta, &ts)) {
    return record.timestamp_delta > 0 ? INT64_MAX : INT64_MIN;
  }
  return ts;
}
// A record's offset.
inline int64_t record_offset(const RecordBatchHeader& batch_header, const RecordView& record) {
  return static_cast<int64_t>(static_cast<uint64_t>(batch_header.base_offset) +
                              static_cast<uint64_t>(static_cast<int64_t>(record.offset_delta)));
}

// Calls `visit(const RecordHeaderView&)` for each header of a record walked by
// for_each_record() (whose framing is already known to be valid).
template <class Visitor>
void for_each_header(const RecordView& record, Visitor&& visit) {
  RecordCursor c(record.headers);
  RecordHeaderView header;
  for (int32_t i = 0; i < record.header_count && batch_detail::read_header(c, header); ++i) {
    visit(header);
  }
}

// Walks the `records_count` records of a batch's records section (the bytes after the
// header; a compressed batch's once decompressed), calling `visit(const RecordView&)`;
// a visitor returning bool stops the walk by returning false. Fails on a framing
// error, or when the section holds fewer or more bytes than `records_count` records.
// Shared by uncompressed batches and, through the storage engine's decompressor,
// compressed ones, so both are held to the same framing rules.
template <class Visitor>
BatchValidation for_each_record_in(std::span<const uint8_t> records, int32_t records_count,
                                   Visitor&& visit) {
  if (records_count < 0) return BatchValidation::invalid("negative record count");
  RecordCursor c(records);
  RecordView record;
  for (int32_t i = 0; i < records_count; ++i) {
    if (c.remaining() == 0) {
      return BatchValidation::invalid("recordsCount is " + std::to_string(records_count) +
                                          " but the batch ends after " + std::to_string(i) +
                                          " records",
                                      i);
    }
    const char* why = "";
    if (!batch_detail::read_record(c, record, why)) {
      return BatchValidation::invalid("record " + std::to_string(i) + ": " + why, i);
    }
    if constexpr (std::is_same_v<std::invoke_result_t<Visitor, const RecordView&>, bool>) {
      if (!visit(static_cast<const RecordView&>(record))) return {};
    } else {
      visit(static_cast<const RecordView&>(record));
    }
  }
  if (c.remaining() != 0) {
    return BatchValidation::invalid(std::to_string(c.remaining()) + " bytes follow the last of " +
                                    std::to_string(records_count) + " records");
  }
  return {};
}

// Walks the records of one uncompressed batch (exactly `batch_bytes`, header included,
// which the caller has length-checked), as for_each_record_in() does. Fails on a
// compressed batch: its records must be decompressed first.
template <class Visitor>
BatchValidation for_each_record(std::span<const uint8_t> batch_bytes, Visitor&& visit) {
  if (batch_bytes.size() < batch::kHeaderSize) {
    return BatchValidation::corrupt("batch shorter than its header");
  }
  auto header = RecordBatchHeader::parse(batch_bytes.data());
  if (header.compression() != Compression::kNone) {
    return BatchValidation::invalid("records of a compressed batch cannot be walked");
  }
  return for_each_record_in(batch_bytes.subspan(batch::kHeaderSize), header.records_count,
                            std::forward<Visitor>(visit));
}

// ---------------------------------------------------------------------------
// Validation.

struct BatchValidationOptions {
  // Producer input: at least one record, lastOffsetDelta == count - 1 and (when
  // uncompressed) offset deltas 0, 1, 2, ... Off, the gaps and empty batches that
  // compaction leaves are accepted (deltas only have to increase).
  bool contiguous_offsets = true;
  // Walk every record of uncompressed batches to check the varint framing.
  bool check_records = true;
};

// The CRC-32C a batch should carry: over attributes..end.
inline uint32_t compute_batch_crc(std::span<const uint8_t> batch_bytes) {
  return crc32c(batch_bytes.data() + batch::kAttributes, batch_bytes.size() - batch::kAttributes);
}

// Checks the records section of a batch whose header passed validate_batch(): the
// framing of every record, that exactly recordsCount records fill it, and the offset
// deltas (0, 1, 2, ... when `contiguous_offsets`, else increasing up to
// lastOffsetDelta). For a compressed batch, pass the decompressed section.
inline BatchValidation validate_records(const RecordBatchHeader& h,
                                        std::span<const uint8_t> records,
                                        bool contiguous_offsets = true) {
  int32_t index = 0;
  int64_t previous_delta = -1;
  BatchValidation offsets_ok;
  auto framing = for_each_record_in(records, h.records_count, [&](const RecordView& r) {
    bool good = contiguous_offsets
                    ? r.offset_delta == index
                    : r.offset_delta > previous_delta && r.offset_delta <= h.last_offset_delta;
    if (!good) {
      offsets_ok = BatchValidation::invalid(
          "record " + std::to_string(index) + " has offset delta " +
              std::to_string(r.offset_delta) +
              (contiguous_offsets ? " (offset deltas must be 0, 1, 2, ...)" : ""),
          index);
      return false;
    }
    previous_delta = r.offset_delta;
    ++index;
    return true;
  });
  if (!offsets_ok) return offsets_ok;
  return framing;
}

// Checks exactly one batch (`batch_bytes.size()` must equal its length field + 12).
// kCorruptMessage: size, length, magic, CRC or compression id wrong.
// kInvalidRecord: counts, offset deltas or record framing wrong.
inline BatchValidation validate_batch(std::span<const uint8_t> batch_bytes,
                                      const BatchValidationOptions& options = {}) {
  if (batch_bytes.size() < batch::kHeaderSize) {
    return BatchValidation::corrupt("record batch of " + std::to_string(batch_bytes.size()) +
                                    " bytes is shorter than the 61-byte header");
  }
  auto h = RecordBatchHeader::parse(batch_bytes.data());
  if (h.batch_length < batch::kMinBatchLength || h.size_in_bytes() != batch_bytes.size()) {
    return BatchValidation::corrupt("record batch length " + std::to_string(h.batch_length) +
                                    " does not match its " + std::to_string(batch_bytes.size()) +
                                    " bytes");
  }
  if (h.magic != batch::kMagicV2) {
    return BatchValidation::corrupt("unsupported record batch magic " + std::to_string(h.magic) +
                                    " (only v2 is supported)");
  }
  uint32_t crc = compute_batch_crc(batch_bytes);
  if (crc != h.crc) {
    return BatchValidation::corrupt("record batch CRC mismatch (stored " + std::to_string(h.crc) +
                                    ", computed " + std::to_string(crc) + ")");
  }
  // Ids 5..7: Kafka's CompressionType.forId() throws IllegalArgumentException("Unknown
  // compression type id"). UNSUPPORTED_COMPRESSION_TYPE is Kafka's answer to zstd in
  // Produce < v7 only, so Skiff says what the batch is: unreadable, CORRUPT_MESSAGE.
  if (compression_id(h.attributes) > static_cast<int>(Compression::kZstd)) {
    return BatchValidation::corrupt("unknown compression id " +
                                    std::to_string(compression_id(h.attributes)));
  }
  if (h.records_count < 0) return BatchValidation::invalid("negative record count");
  if (h.last_offset_delta < 0) return BatchValidation::invalid("negative lastOffsetDelta");
  if (options.contiguous_offsets) {
    if (h.records_count == 0) return BatchValidation::invalid("record batch has no records");
    if (h.last_offset_delta != h.records_count - 1) {
      return BatchValidation::invalid("lastOffsetDelta " + std::to_string(h.last_offset_delta) +
                                      " does not match " + std::to_string(h.records_count) +
                                      " records");
    }
  } else if (h.records_count > 0 && h.last_offset_delta < h.records_count - 1) {
    return BatchValidation::invalid("lastOffsetDelta smaller than the record count allows");
  }
  if (h.compression() != Compression::kNone || !options.check_records) return {};
  return validate_records(h, batch_bytes.subspan(batch::kHeaderSize), options.contiguous_offsets);
}

// Splits a concatenation of batches (a Produce request's records) and validates each.
// `batches` receives one span per batch. Empty input is valid and yields nothing.
inline BatchValidation validate_batches(std::span<const uint8_t> data,
                                        std::vector<std::span<const uint8_t>>& batches,
                                        const BatchValidationOptions& options = {}) {
  batches.clear();
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t left = data.size() - pos;
    if (left < batch::kLogOverhead) {
      return BatchValidation::corrupt(std::to_string(left) +
                                      " trailing bytes after the last batch");
    }
    int32_t length = load_be<int32_t>(data.data() + pos + batch::kBatchLength);
    if (length < batch::kMinBatchLength ||
        static_cast<uint64_t>(length) + batch::kLogOverhead > left) {
      return BatchValidation::corrupt("record batch " + std::to_string(batches.size()) +
                                      " has length " + std::to_string(length) + " but " +
                                      std::to_string(left) + " bytes remain");
    }
    auto one = data.subspan(pos, batch::kLogOverhead + static_cast<std::size_t>(length));
    auto status = validate_batch(one, options);
    if (!status) {
      status.message = "record batch " + std::to_string(batches.size()) + ": " + status.message;
      return status;
    }
    batches.push_back(one);
    pos += one.size();
  }
  return {};
}

// ---------------------------------------------------------------------------
// In-place rewrites a broker makes. baseOffset and partitionLeaderEpoch lie outside
// the CRC; anything else needs update_crc() afterwards (done here where needed).

inline void set_base_offset(std::span<uint8_t> batch_bytes, int64_t offset) {
  store_be<int64_t>(batch_bytes.data() + batch::kBaseOffset, offset);
}
inline void set_partition_leader_epoch(std::span<uint8_t> batch_bytes, int32_t epoch) {
  store_be<int32_t>(batch_bytes.data() + batch::kPartitionLeaderEpoch, epoch);
}
// No-op on fewer bytes than a header.
inline void update_crc(std::span<uint8_t> batch_bytes) {
  if (batch_bytes.size() < batch::kHeaderSize) return;
  store_be<uint32_t>(batch_bytes.data() + batch::kCrc, compute_batch_crc(batch_bytes));
}
// LogAppendTime topics: the broker's clock becomes the batch's timestamp (consumers
// read maxTimestamp for every record of such a batch).
inline void set_log_append_time(std::span<uint8_t> batch_bytes, int64_t timestamp_ms) {
  auto attributes = load_be<int16_t>(batch_bytes.data() + batch::kAttributes);
  store_be<int16_t>(batch_bytes.data() + batch::kAttributes,
                    static_cast<int16_t>(attributes | batch::kTimestampTypeBit));
  store_be<int64_t>(batch_bytes.data() + batch::kMaxTimestamp, timestamp_ms);
  update_crc(batch_bytes);
}

// ---------------------------------------------------------------------------
// Control records (transaction markers).

enum class ControlRecordType : int16_t { kAbort = 0, kCommit = 1 };

// The marker type of a control batch's record, if its key is a v0 control key.
inline std::optional<ControlRecordType> control_record_type(const RecordView& record) {
  if (!record.key || record.key->size() < 4) return std::nullopt;
  if (load_be<int16_t>(record.key->data()) != 0) return std::nullopt;
  int16_t type = load_be<int16_t>(record.key->data() + 2);
  if (type != 0 && type != 1) return std::nullopt;
  return static_cast<ControlRecordType>(type);
}

// ---------------------------------------------------------------------------
// Encoding (tests, tools, transaction markers).

struct RecordHeader {
  std::string key;
  std::optional<std::string> value;
};

struct Record {
  std::optional<std::string> key;
  std::optional<std::string> value;
  std::vector<RecordHeader> headers;
  int64_t timestamp = batch::kNoTimestamp;
};

struct BatchBuildOptions {
  int64_t base_offset = 0;
  int32_t partition_leader_epoch = batch::kNoPartitionLeaderEpoch;
  int64_t producer_id = batch::kNoProducerId;
  int16_t producer_epoch = batch::kNoProducerEpoch;
  int32_t base_sequence = batch::kNoSequence;
  bool transactional = false;
  bool control = false;
  TimestampType timestamp_type = TimestampType::kCreateTime;
};

// A control record marking a transaction's end, for build_batch() with control=true.
inline Record make_control_record(ControlRecordType type, int32_t coordinator_epoch,
                                  int64_t timestamp) {
  std::string key(4, '\0');
  store_be<int16_t>(reinterpret_cast<uint8_t*>(key.data()), 0);
  store_be<int16_t>(reinterpret_cast<uint8_t*>(key.data()) + 2, static_cast<int16_t>(type));
  std::string value(6, '\0');
  store_be<int16_t>(reinterpret_cast<uint8_t*>(value.data()), 0);
  store_be<int32_t>(reinterpret_cast<uint8_t*>(value.data()) + 2, coordinator_epoch);
  return Record{std::move(key), std::move(value), {}, timestamp};
}

// Encodes an uncompressed batch with a valid CRC. The base timestamp is the first
// record's; maxTimestamp the largest.
inline std::vector<uint8_t> build_batch(std::span<const Record> records,
                                        const BatchBuildOptions& options = {}) {
  auto put_bytes = [](std::vector<uint8_t>& out, const std::optional<std::string>& s) {
    if (!s) {
      append_varint(out, -1);
      return;
    }
    append_varint(out, static_cast<int32_t>(s->size()));
    out.insert(out.end(), s->begin(), s->end());
  };

  int64_t base_ts = records.empty() ? batch::kNoTimestamp : records.front().timestamp;
  int64_t max_ts = batch::kNoTimestamp;
  for (const auto& r : records) max_ts = std::max(max_ts, r.timestamp);

  std::vector<uint8_t> out(batch::kHeaderSize, 0);
  std::vector<uint8_t> body;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const Record& r = records[i];
    body.clear();
    body.push_back(0);  // record attributes: unused
    append_varlong(body, r.timestamp - base_ts);
    append_varint(body, static_cast<int32_t>(i));
    put_bytes(body, r.key);
    put_bytes(body, r.value);
    append_varint(body, static_cast<int32_t>(r.headers.size()));
    for (const auto& h : r.headers) {
      put_bytes(body, h.key);
      put_bytes(body, h.value);
    }
    append_varint(out, static_cast<int32_t>(body.size()));
    out.insert(out.end(), body.begin(), body.end());
  }

  int16_t attributes = 0;
  if (options.timestamp_type == TimestampType::kLogAppendTime)
    attributes |= batch::kTimestampTypeBit;
  if (options.transactional) attributes |= batch::kTransactionalBit;
  if (options.control) attributes |= batch::kControlBit;
  int32_t count = static_cast<int32_t>(records.size());

  uint8_t* p = out.data();
  store_be<int64_t>(p + batch::kBaseOffset, options.base_offset);
  store_be<int32_t>(p + batch::kBatchLength,
                    static_cast<int32_t>(out.size() - batch::kLogOverhead));
  store_be<int32_t>(p + batch::kPartitionLeaderEpoch, options.partition_leader_epoch);
  p[batch::kMagic] = static_cast<uint8_t>(batch::kMagicV2);
  store_be<int16_t>(p + batch::kAttributes, attributes);
  store_be<int32_t>(p + batch::kLastOffsetDelta, count > 0 ? count - 1 : 0);
  store_be<int64_t>(p + batch::kBaseTimestamp, base_ts);
  store_be<int64_t>(p + batch::kMaxTimestamp, max_ts);
  store_be<int64_t>(p + batch::kProducerId, options.producer_id);
  store_be<int16_t>(p + batch::kProducerEpoch, options.producer_epoch);
  store_be<int32_t>(p + batch::kBaseSequence, options.base_sequence);
  store_be<int32_t>(p + batch::kRecordsCount, count);
  update_crc(out);
  return out;
}

}  // namespace skiff::sdk

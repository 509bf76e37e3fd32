// Records: the codec's value for Kafka's `records` fields (record batches). Nullable.
// Decoded, it is a view into the request buffer (pointer, size and a shared owner
// that keeps the buffer alive), so produce data is never copied. To encode, it is a
// list of chunks, each a byte range (owned or viewed) or an sdk::FileSlice, so that
// fetch responses can be sent from segment files with sendfile(2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "skiff/sdk/types.h"

namespace skiff::protocol {

class Records {
 public:
  // One piece of the value: bytes kept alive by `owner`, or a slice of a file.
  struct Chunk {
    const uint8_t* data = nullptr;
    size_t size = 0;  // for a file chunk: file.length
    std::shared_ptr<const void> owner;
    bool is_file = false;
    sdk::FileSlice file;
  };

  // A default-constructed Records is null, as Kafka's records fields default to null.
  Records() = default;

  static Records null() { return Records(); }
  // Non-null and zero bytes long.
  static Records empty();
  static Records from_bytes(std::vector<uint8_t> bytes);
  // Views `size` bytes at `data`; `owner` (may be null) keeps them alive.
  static Records view(const uint8_t* data, size_t size, std::shared_ptr<const void> owner);

  // Appending makes a null value non-null.
  void append(std::vector<uint8_t> bytes);
  void append_view(const uint8_t* data, size_t size, std::shared_ptr<const void> owner);
  void append(sdk::FileSlice slice);
  void append(const Records& other);

  bool is_null() const { return null_; }
  // Total bytes over all chunks (0 when null).
  size_t size() const { return size_; }
  bool has_file_chunks() const;
  // True when the bytes are in memory in one range (null and empty count as contiguous).
  bool is_contiguous() const { return chunk_count() <= 1 && !has_file_chunks(); }
  // The bytes when is_contiguous(); throws std::logic_error otherwise.
  std::span<const uint8_t> bytes() const;
  // The owner of a contiguous view (null for file chunks or no chunks).
  const std::shared_ptr<const void>& owner() const { return first_.owner; }
  // Copies every chunk into one vector, reading file chunks with pread(2).
  std::vector<uint8_t> to_vector() const;

  size_t chunk_count() const { return has_first_ ? 1 + more_.size() : 0; }
  const Chunk& chunk(size_t i) const { return i == 0 ? first_ : more_[i - 1]; }

  // Null equals null; otherwise equal content. File chunks compare by fd, offset and
  // length, since reading files to compare would be surprising.
  bool operator==(const Records& other) const;

 private:
  void add(Chunk chunk);

  bool null_ = true;
  size_t size_ = 0;
  // The first chunk is inline: a decoded Records is a single view and must not allocate.
  bool has_first_ = false;
  Chunk first_;
  std::vector<Chunk> more_;
};

}  // namespace skiff::protocol

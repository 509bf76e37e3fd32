// DirectAppender: writes a segment's appends with O_DIRECT, past the page cache.
//
// Why: a buffered write copies every byte into the page cache, and on a machine
// whose free memory is not yet backed (a VM, a fresh box) filling new cache pages
// is the broker's largest cost per byte, above the socket copy and the CRC. A direct
// write is one DMA from an aligned buffer the thread reuses. Readers are unchanged:
// they read through the page cache, which the kernel keeps coherent with direct
// writes (and which readahead fills from disk).
//
// O_DIRECT writes whole aligned blocks, so the appender keeps the file's last,
// partial block in memory and rewrites it with each append, zero-padded to the block
// end: the file is longer than the log until the segment cuts it (on seal and close);
// a crash leaves zeros past the last batch, which recovery cuts like any torn tail.
//
// Durability is the buffered write's: the data is out of the process when append()
// returns (a kill -9 loses nothing), and durable after the file's fdatasync.
// Not thread-safe: the segment's single writer owns it.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "file.h"

namespace skiff::storage {

class DirectAppender {
 public:
  // Alignment of O_DIRECT offsets, lengths and buffers: 4 KiB covers every logical
  // block size a data disk has.
  static constexpr std::size_t kBlockBytes = 4096;

  // An appender whose next append goes at `end` of `file` (the partial block before
  // it is read back through `file`), or nullptr when the file cannot be opened for
  // direct writes (EINVAL: the file system refuses O_DIRECT); the caller then
  // writes buffered, which reports any real I/O error. Throws StorageError when the
  // tail block cannot be read.
  static std::unique_ptr<DirectAppender> open(const File& file, uint64_t end);

  // Writes `bytes` at end(). Returns false, having written nothing, when the file
  // system turns out not to take direct writes (EINVAL on the first one): the caller
  // falls back to buffered writes for good. Throws StorageError on I/O errors; the
  // appender must then be reopened at the log's end.
  bool append(std::span<const uint8_t> bytes);
  // The caller wrote `bytes` at end() itself (buffered): the tail block follows.
  void skip(std::span<const uint8_t> bytes);
  uint64_t end() const { return block_start_ + tail_.size; }

 private:
  struct Tail {
    std::unique_ptr<uint8_t, void (*)(void*)> bytes;  // kBlockBytes, aligned
    std::size_t size = 0;
  };
  DirectAppender(std::shared_ptr<File> file, uint64_t block_start, Tail tail);

  std::shared_ptr<File> file_;  // opened kDirectWrite
  uint64_t block_start_;  // file offset of the tail block (a multiple of kBlockBytes)
  Tail tail_;             // the bytes of the last, partial block
  bool wrote_ = false;    // a direct write succeeded (EINVAL after it is an error)
};

}  // namespace skiff::storage

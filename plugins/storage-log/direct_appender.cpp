#include "direct_appender.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "storage_error.h"

namespace skiff::storage {

namespace {

// Each direct write goes through this thread's staging buffer: the tail block, then
// up to a chunk of the append. One buffer per thread, not per segment, so a broker
// with thousands of partitions keeps only their 4 KiB tails.
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

using AlignedBytes = std::unique_ptr<uint8_t, void (*)(void*)>;

AlignedBytes aligned_bytes(std::size_t n) {
  void* p = std::aligned_alloc(DirectAppender::kBlockBytes, n);
  if (p == nullptr) throw std::bad_alloc();
  return {static_cast<uint8_t*>(p), std::free};
}

uint8_t* staging_buffer() {
  struct Staging {
    AlignedBytes bytes = aligned_bytes(kChunkBytes + DirectAppender::kBlockBytes);
  };
  thread_local Staging staging;
  return staging.bytes.get();
}

constexpr uint64_t round_down(uint64_t n) { return n & ~uint64_t{DirectAppender::kBlockBytes - 1}; }
constexpr uint64_t round_up(uint64_t n) { return round_down(n + DirectAppender::kBlockBytes - 1); }

}  // namespace

std::unique_ptr<DirectAppender> DirectAppender::open(const File& file, uint64_t end) {
  std::shared_ptr<File> direct;
  try {
    direct = File::open(file.path(), File::Mode::kDirectWrite);
  } catch (const StorageError&) {
    return nullptr;
  }
  Tail tail{aligned_bytes(kBlockBytes), end - round_down(end)};
  file.read_exact(round_down(end), tail.bytes.get(), tail.size);
  return std::unique_ptr<DirectAppender>(
      new DirectAppender(std::move(direct), round_down(end), std::move(tail)));
}

DirectAppender::DirectAppender(std::shared_ptr<File> file, uint64_t block_start, Tail tail)
    : file_(std::move(file)), block_start_(block_start), tail_(std::move(tail)) {}

bool DirectAppender::append(std::span<const uint8_t> bytes) {
  uint8_t* staging = staging_buffer();
  std::size_t taken = 0;
  while (taken < bytes.size()) {
    // staging = tail block + the next piece, zero-padded to a whole block.
    std::memcpy(staging, tail_.bytes.get(), tail_.size);
    const std::size_t piece = std::min(kChunkBytes - tail_.size, bytes.size() - taken);
    std::memcpy(staging + tail_.size, bytes.data() + taken, piece);
    const std::size_t filled = tail_.size + piece;
    const std::size_t padded = round_up(filled);
    std::memset(staging + filled, 0, padded - filled);
    if (int error = file_->try_write_at(block_start_, staging, padded); error != 0) {
      if (!wrote_ && error == EINVAL) return false;
      throw_io_error("cannot write", file_->path(), error);
    }
    wrote_ = true;
    const std::size_t whole = round_down(filled);
    tail_.size = filled - whole;
    std::memcpy(tail_.bytes.get(), staging + whole, tail_.size);
    block_start_ += whole;
    taken += piece;
  }
  return true;
}

void DirectAppender::skip(std::span<const uint8_t> bytes) {
  const uint64_t new_end = end() + bytes.size();
  const std::size_t new_tail = new_end - round_down(new_end);
  if (round_down(new_end) == block_start_) {
    std::memcpy(tail_.bytes.get() + tail_.size, bytes.data(), bytes.size());
  } else {
    // The new tail block starts inside `bytes`.
    std::memcpy(tail_.bytes.get(), bytes.data() + bytes.size() - new_tail, new_tail);
  }
  block_start_ = round_down(new_end);
  tail_.size = new_tail;
}

}  // namespace skiff::storage

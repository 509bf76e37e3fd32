#include "direct_appender.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

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
  int fd;
  do {
    fd = ::open(file.path().c_str(), O_WRONLY | O_DIRECT | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    if (errno == EINVAL) return nullptr;  // no O_DIRECT on this file system
    throw_io_error("cannot open for direct writes", file.path());
  }
  Tail tail{aligned_bytes(kBlockBytes), end - round_down(end)};
  try {
    file.read_exact(round_down(end), tail.bytes.get(), tail.size);
  } catch (...) {
    ::close(fd);
    throw;
  }
  return std::unique_ptr<DirectAppender>(
      new DirectAppender(fd, file.path(), round_down(end), std::move(tail)));
}

DirectAppender::DirectAppender(int fd, std::filesystem::path path, uint64_t block_start,
                               Tail tail)
    : fd_(fd), path_(std::move(path)), block_start_(block_start), tail_(std::move(tail)) {}

DirectAppender::~DirectAppender() { ::close(fd_); }

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
    if (int error = write_block_aligned(staging, padded, block_start_); error != 0) {
      if (!wrote_ && error == EINVAL) return false;
      throw_io_error("cannot write", path_, error);
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

int DirectAppender::write_block_aligned(const uint8_t* data, std::size_t n, uint64_t offset) {
  std::size_t done = 0;
  while (done < n) {
    ssize_t w = ::pwrite(fd_, data + done, n - done, static_cast<off_t>(offset + done));
    if (w < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<std::size_t>(w);
    // A short direct write ends on a block boundary, and the next one says why.
    if (done < n && done % kBlockBytes != 0) return EIO;
  }
  return 0;
}

}  // namespace skiff::storage

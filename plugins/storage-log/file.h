// File: one open file descriptor, closed when the last owner lets go. Segments hand
// out shared_ptr<File> as the keepalive of the zero-copy slices they return, so a
// segment deleted by retention stays readable until the response is written.
// All calls loop over short reads/writes and EINTR and throw StorageError with the
// path on failure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

namespace skiff::storage {

class File {
 public:
  enum class Mode {
    kRead,       // existing file, read-only
    kReadWrite,  // existing file
    kCreate,     // created if missing, read-write
    kDirectWrite,  // existing file, write-only, O_DIRECT (see DirectAppender)
  };

  static std::shared_ptr<File> open(const std::filesystem::path& path, Mode mode);
  ~File();
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }
  uint64_t size() const;

  // Reads up to `n` bytes at `offset`; returns how many (fewer only at end of file).
  std::size_t read_at(uint64_t offset, void* buffer, std::size_t n) const;
  // Reads exactly `n` bytes or throws (kCorruptMessage when the file is shorter).
  void read_exact(uint64_t offset, void* buffer, std::size_t n) const;
  void write_at(uint64_t offset, const void* data, std::size_t n);
  // write_at() that returns 0 or the errno of the failed write instead of throwing.
  int try_write_at(uint64_t offset, const void* data, std::size_t n) noexcept;
  void truncate(uint64_t size);
  // fdatasync: the data and the size, not the timestamps.
  void sync();
  // Starts writing [offset, offset + n) back to disk without waiting for it (no
  // durability promise): keeps dirty pages few, so writers are not throttled in
  // bursts and a later fsync has little left to do. Best effort: errors ignored.
  void start_writeback(uint64_t offset, uint64_t n) noexcept;
  // Allocates disk blocks for [offset, offset + n) without changing the file's size
  // (fallocate, FALLOC_FL_KEEP_SIZE). Returns 0 or the errno of a refusal (no
  // support, no space): writes then allocate as they go.
  int preallocate(uint64_t offset, uint64_t n) noexcept;
  // Renames the file (replacing whatever has the new name); path() follows.
  void rename_to(const std::filesystem::path& path);

 private:
  File(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}

  int fd_;
  std::filesystem::path path_;
};

// fsync of a directory, so created, renamed and deleted entries survive a crash.
void sync_directory(const std::filesystem::path& dir);

// Fault injection for tests: the next `count` File::sync() calls fail with EIO,
// as a dying disk would. Never called by the broker.
void fail_next_syncs_for_testing(int count);

}  // namespace skiff::storage

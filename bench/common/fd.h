// Fd: an owned file descriptor, closed on destruction; whole-buffer reads and writes.
#pragma once

#include <cstddef>

namespace skiff::bench {

class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();

 private:
  int fd_ = -1;
};

// Whole-buffer I/O; false on EOF or error.
bool write_all(int fd, const void* data, size_t size);
bool read_exact(int fd, void* data, size_t size);

}  // namespace skiff::bench

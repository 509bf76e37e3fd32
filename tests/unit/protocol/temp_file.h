// Test helper: a temporary file with given content, open for file-slice tests.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace skiff::protocol::test {

class TempFile {
 public:
  explicit TempFile(const std::vector<uint8_t>& content) {
    char path[] = "/tmp/skiff-protocol-test-XXXXXX";
    fd_ = ::mkstemp(path);
    if (fd_ < 0) throw std::runtime_error("mkstemp failed");
    ::unlink(path);
    if (::write(fd_, content.data(), content.size()) != static_cast<ssize_t>(content.size())) {
      throw std::runtime_error("write failed");
    }
  }
  ~TempFile() { ::close(fd_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

}  // namespace skiff::protocol::test

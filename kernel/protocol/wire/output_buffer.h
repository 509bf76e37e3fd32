// OutputBuffer: an encoded message as the network layer sends it. A sequence of
// pieces, in order: byte ranges of the encoder's buffer and sdk::FileSlices (record
// data left in segment files, for sendfile(2)). Move-only, because pieces point
// into the buffer it owns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "skiff/sdk/types.h"

namespace skiff::protocol {

class OutputBuffer {
 public:
  // Either `size` bytes at `data`, or a file slice (`file` non-null, size = length).
  struct Piece {
    const uint8_t* data = nullptr;
    size_t size = 0;
    const sdk::FileSlice* file = nullptr;
    bool is_file() const { return file != nullptr; }
  };

  // A file slice and the offset in `bytes` it is sent at.
  struct FileAt {
    size_t at = 0;
    sdk::FileSlice slice;
  };

  OutputBuffer() = default;
  OutputBuffer(std::vector<uint8_t> bytes, std::vector<FileAt> files);
  OutputBuffer(OutputBuffer&&) noexcept = default;
  OutputBuffer& operator=(OutputBuffer&&) noexcept = default;
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  size_t total_size() const { return total_size_; }
  bool has_file_slices() const { return !files_.empty(); }
  // The in-memory bytes only (all of the message when !has_file_slices()).
  const std::vector<uint8_t>& memory_bytes() const { return bytes_; }

  const std::vector<Piece>& pieces() const { return pieces_; }
  std::vector<Piece>::const_iterator begin() const { return pieces_.begin(); }
  std::vector<Piece>::const_iterator end() const { return pieces_.end(); }

  // Every piece in one vector, file slices read with pread(2) (TLS, tests).
  std::vector<uint8_t> flatten() const;

 private:
  std::vector<uint8_t> bytes_;
  std::vector<FileAt> files_;
  std::vector<Piece> pieces_;
  size_t total_size_ = 0;
};

}  // namespace skiff::protocol

// OutputBuffer: splitting the buffer around file slices, and flattening.
#include "kernel/protocol/wire/output_buffer.h"

#include <cstring>

#include "kernel/protocol/wire/file_slice_io.h"

namespace skiff::protocol {

OutputBuffer::OutputBuffer(std::vector<uint8_t> bytes, std::vector<FileAt> files)
    : bytes_(std::move(bytes)), files_(std::move(files)) {
  // Built once the vectors are in place: moving a vector keeps its heap storage, so
  // these pointers stay valid when the OutputBuffer itself is moved.
  size_t at = 0;
  auto add_bytes = [&](size_t end) {
    if (end > at) pieces_.push_back(Piece{bytes_.data() + at, end - at, nullptr});
    at = end;
  };
  for (const FileAt& f : files_) {
    add_bytes(f.at);
    if (f.slice.length > 0) pieces_.push_back(Piece{nullptr, f.slice.length, &f.slice});
    total_size_ += f.slice.length;
  }
  add_bytes(bytes_.size());
  total_size_ += bytes_.size();
}

std::vector<uint8_t> OutputBuffer::flatten() const {
  std::vector<uint8_t> out(total_size_);
  size_t at = 0;
  for (const Piece& p : pieces_) {
    if (p.is_file()) {
      read_file_slice(*p.file, out.data() + at);
    } else {
      std::memcpy(out.data() + at, p.data, p.size);
    }
    at += p.size;
  }
  return out;
}

}  // namespace skiff::protocol

// Records: chunk bookkeeping, contiguous access and comparison.
#include "kernel/protocol/wire/records.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "kernel/protocol/wire/file_slice_io.h"

namespace skiff::protocol {

Records Records::empty() {
  Records r;
  r.null_ = false;
  return r;
}

Records Records::from_bytes(std::vector<uint8_t> bytes) {
  Records r = empty();
  r.append(std::move(bytes));
  return r;
}

Records Records::view(const uint8_t* data, size_t size, std::shared_ptr<const void> owner) {
  Records r = empty();
  r.append_view(data, size, std::move(owner));
  return r;
}

void Records::add(Chunk chunk) {
  null_ = false;
  if (chunk.size == 0) return;  // empty chunks would only complicate contiguity
  size_ += chunk.size;
  if (!has_first_) {
    first_ = std::move(chunk);
    has_first_ = true;
  } else {
    more_.push_back(std::move(chunk));
  }
}

void Records::append(std::vector<uint8_t> bytes) {
  // Owned bytes become a view whose owner is the vector itself, so copies of this
  // Records share them.
  auto owned = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  append_view(owned->data(), owned->size(), owned);
}

void Records::append_view(const uint8_t* data, size_t size, std::shared_ptr<const void> owner) {
  Chunk c;
  c.data = data;
  c.size = size;
  c.owner = std::move(owner);
  add(std::move(c));
}

void Records::append(sdk::FileSlice slice) {
  Chunk c;
  c.size = slice.length;
  c.is_file = true;
  c.file = std::move(slice);
  add(std::move(c));
}

void Records::append(const Records& other) {
  if (!other.null_) null_ = false;
  for (size_t i = 0; i < other.chunk_count(); ++i) add(other.chunk(i));
}

bool Records::has_file_chunks() const {
  for (size_t i = 0; i < chunk_count(); ++i) {
    if (chunk(i).is_file) return true;
  }
  return false;
}

std::span<const uint8_t> Records::bytes() const {
  if (!is_contiguous()) throw std::logic_error("Records::bytes() on non-contiguous records");
  if (!has_first_) return {};
  return {first_.data, first_.size};
}

std::vector<uint8_t> Records::to_vector() const {
  std::vector<uint8_t> out(size_);
  size_t at = 0;
  for (size_t i = 0; i < chunk_count(); ++i) {
    const Chunk& c = chunk(i);
    if (c.is_file) {
      read_file_slice(c.file, out.data() + at);
    } else {
      std::memcpy(out.data() + at, c.data, c.size);
    }
    at += c.size;
  }
  return out;
}

namespace {

bool same_file_slice(const Records::Chunk& a, const Records::Chunk& b) {
  return a.file.fd == b.file.fd && a.file.offset == b.file.offset &&
         a.file.length == b.file.length;
}

}  // namespace

bool Records::operator==(const Records& other) const {
  if (null_ != other.null_) return false;
  if (size_ != other.size_) return false;
  if (!has_file_chunks() && !other.has_file_chunks()) {
    if (is_contiguous() && other.is_contiguous()) {
      auto a = bytes();
      auto b = other.bytes();
      return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }
    return to_vector() == other.to_vector();
  }
  if (chunk_count() != other.chunk_count()) return false;
  for (size_t i = 0; i < chunk_count(); ++i) {
    const Chunk& a = chunk(i);
    const Chunk& b = other.chunk(i);
    if (a.is_file != b.is_file || a.size != b.size) return false;
    if (a.is_file ? !same_file_slice(a, b) : std::memcmp(a.data, b.data, a.size) != 0) {
      return false;
    }
  }
  return true;
}

}  // namespace skiff::protocol

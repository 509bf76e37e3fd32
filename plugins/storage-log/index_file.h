// IndexFile<Entry>: an append-only file of fixed-size big-endian entries, mirrored
// in memory so lookups are binary searches without I/O. The segment indexes
// (offsets, timestamps, aborted transactions) are instances; an Entry type supplies
//   static constexpr std::size_t kSize;
//   void encode(uint8_t* out) const;  static Entry decode(const uint8_t* in);
// The descriptor is opened only to write, and dropped by release(), so sealed
// segments (which never append again) hold no index descriptors.
//
// Thread-safety: appends and truncations come from the partition's writer while
// readers search concurrently; a mutex guards the entries for the short time of
// each call.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <vector>

#include "file.h"
#include "storage_error.h"

namespace skiff::storage {

template <class Entry>
class IndexFile {
 public:
  explicit IndexFile(std::filesystem::path path) : path_(std::move(path)) {}

  const std::filesystem::path& path() const { return path_; }

  // Reads every entry. Returns false (and holds nothing) when the file is missing.
  // Throws kCorruptMessage when the size is not a whole number of entries.
  bool load() {
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec)) {
      std::lock_guard lock(mu_);
      entries_.clear();
      return false;
    }
    auto file = File::open(path_, File::Mode::kRead);
    uint64_t bytes = file->size();
    if (bytes % Entry::kSize != 0) {
      throw_corrupt(path_, "size " + std::to_string(bytes) + " is not a multiple of " +
                               std::to_string(Entry::kSize));
    }
    std::vector<uint8_t> raw(bytes);
    file->read_exact(0, raw.data(), raw.size());
    std::vector<Entry> loaded;
    loaded.reserve(bytes / Entry::kSize);
    for (std::size_t pos = 0; pos < raw.size(); pos += Entry::kSize) {
      loaded.push_back(Entry::decode(raw.data() + pos));
    }
    std::lock_guard lock(mu_);
    entries_ = std::move(loaded);
    return true;
  }

  // Empties the index and its file (before a rebuild).
  void reset() {
    std::lock_guard lock(mu_);
    entries_.clear();
    writable()->truncate(0);
  }

  void append(const Entry& entry) {
    uint8_t raw[Entry::kSize];
    entry.encode(raw);
    std::lock_guard lock(mu_);
    writable()->write_at(entries_.size() * Entry::kSize, raw, Entry::kSize);
    entries_.push_back(entry);
  }

  // Keeps the first `count` entries.
  void truncate(std::size_t count) {
    std::lock_guard lock(mu_);
    if (count >= entries_.size()) return;
    writable()->truncate(count * Entry::kSize);
    entries_.resize(count);
  }

  // Keeps the entries before the first for which `drop(entry)` holds (entries are
  // ordered, so `drop` is false for a prefix and true after it).
  template <class Pred>
  void truncate_from(Pred drop) {
    std::size_t keep;
    {
      std::lock_guard lock(mu_);
      keep = static_cast<std::size_t>(std::find_if(entries_.begin(), entries_.end(), drop) -
                                      entries_.begin());
    }
    truncate(keep);
  }

  std::size_t size() const {
    std::lock_guard lock(mu_);
    return entries_.size();
  }
  std::optional<Entry> last() const {
    std::lock_guard lock(mu_);
    if (entries_.empty()) return std::nullopt;
    return entries_.back();
  }
  // The last entry of the prefix for which `before(entry)` holds (binary search).
  template <class Pred>
  std::optional<Entry> last_where(Pred before) const {
    std::lock_guard lock(mu_);
    auto it = std::partition_point(entries_.begin(), entries_.end(), before);
    if (it == entries_.begin()) return std::nullopt;
    return *(it - 1);
  }
  std::vector<Entry> entries() const {
    std::lock_guard lock(mu_);
    return entries_;
  }

  void sync() {
    std::lock_guard lock(mu_);
    if (file_) file_->sync();
  }
  // Drops the descriptor; a later write reopens it.
  void release() {
    std::lock_guard lock(mu_);
    file_.reset();
  }
  void remove_file() {
    std::lock_guard lock(mu_);
    file_.reset();
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }

 private:
  File* writable() {
    if (!file_) file_ = File::open(path_, File::Mode::kCreate);
    return file_.get();
  }

  std::filesystem::path path_;
  mutable std::mutex mu_;
  std::vector<Entry> entries_;
  std::shared_ptr<File> file_;
};

}  // namespace skiff::storage

// SpareSegment: the file a partition's next segment will be, made ahead of time,
// with its disk blocks already allocated, while the current segment takes appends.
//
// Why: on ext4, allocating blocks reads the block-group bitmaps, which waits for a
// busy disk (4-16 ms at 270 MiB/s on the bench machine). Allocated by the writeback
// of appended data, it held the block-map lock appends also need; allocated ahead
// with fallocate on the segment itself, it held the inode lock every append takes.
// Allocated here, on another file, it holds locks no append needs; the roll then
// only renames this file into place (see Log::roll_locked).
//
// Thread-safe: prepare() runs on the background tend pass and may take long; take()
// runs on the rolling (appending) thread and never waits for it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "file.h"
#include "skiff/sdk/log.h"

namespace skiff::storage {

class SpareSegment {
 public:
  struct Prepared {
    std::shared_ptr<File> file;  // empty; blocks allocated for its first `allocated` bytes
    uint64_t allocated = 0;
  };

  // Bytes the file system holding `dir` has free for this process.
  using FreeSpace = std::function<uint64_t(const std::filesystem::path& dir)>;
  static uint64_t available_bytes(const std::filesystem::path& dir);

  // `dir`: the partition directory (the file's name is in log_layout.h). `logger`
  // (may be null) hears about refusals. `free_space`: tests pass a fake disk.
  SpareSegment(std::filesystem::path dir, sdk::Logger* logger,
               FreeSpace free_space = available_bytes);
  ~SpareSegment();
  SpareSegment(const SpareSegment&) = delete;
  SpareSegment& operator=(const SpareSegment&) = delete;

  // Makes the spare file with `bytes` of blocks allocated, unless one is ready,
  // being made, or discarded, or the file system has less than 2 * `bytes` free.
  // Returns whether a spare is ready. A refusal (no space, no fallocate support)
  // removes the file and is retried after a while, not on every call.
  bool prepare(uint64_t bytes);
  // The ready spare, handed over (nullopt when none is ready or one is being made).
  // The caller renames it to its segment name.
  std::optional<Prepared> take();
  // Removes a ready spare (its partition stopped appending fast); a later
  // prepare() may make another. Does nothing while one is being made.
  void release();
  // Removes the spare file, waiting for a prepare() under way; later prepare()
  // calls do nothing (the partition is closing).
  void discard();

 private:
  void remove_file_locked();

  const std::filesystem::path path_;
  sdk::Logger* const logger_;
  const FreeSpace free_space_;
  std::mutex mu_;  // held for all of prepare(): take() only tries it
  std::shared_ptr<File> file_;
  uint64_t allocated_ = 0;
  bool discarded_ = false;
  int64_t refused_at_ms_ = -1;  // steady-clock ms of the last refusal
};

}  // namespace skiff::storage

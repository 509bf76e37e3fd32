#include "spare_segment.h"

#include <sys/statvfs.h>

#include <chrono>
#include <cstring>
#include <string>
#include <system_error>

#include "log_layout.h"
#include "storage_error.h"

namespace skiff::storage {
namespace {

// After a refusal (usually: no space left), try again this much later.
constexpr int64_t kRetryAfterRefusalMs = 60'000;

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

uint64_t SpareSegment::available_bytes(const std::filesystem::path& dir) {
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) != 0) return UINT64_MAX;  // unknown: fallocate will tell
  return static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
}

SpareSegment::SpareSegment(std::filesystem::path dir, sdk::Logger* logger, FreeSpace free_space)
    : path_(std::move(dir) / layout::kSpareSegmentFile),
      logger_(logger),
      free_space_(std::move(free_space)) {}

SpareSegment::~SpareSegment() { discard(); }

bool SpareSegment::prepare(uint64_t bytes) {
  std::lock_guard lock(mu_);
  if (file_) return true;
  if (discarded_ || bytes == 0) return false;
  if (refused_at_ms_ >= 0 && steady_ms() - refused_at_ms_ < kRetryAfterRefusalMs) return false;
  // The spare must not take the space appends need: with less than two segments'
  // worth free, the active segment could run out first while the spare holds blocks.
  if (free_space_(path_.parent_path()) / 2 < bytes) {
    refused_at_ms_ = steady_ms();
    if (logger_) logger_->debug(path_.string() + ": not made ahead: the disk is nearly full");
    return false;
  }
  std::string refused;
  try {
    auto file = File::open(path_, File::Mode::kCreate);
    file->truncate(0);  // a leftover of an earlier process holds nothing we want
    const int error = file->preallocate(0, bytes);
    if (error == 0) {
      file_ = std::move(file);
      allocated_ = bytes;
      return true;
    }
    refused = std::strerror(error);
  } catch (const StorageError& e) {
    refused = e.what();
  }
  refused_at_ms_ = steady_ms();
  if (logger_) logger_->debug(path_.string() + ": cannot allocate the next segment ahead: " + refused);
  remove_file_locked();
  return false;
}

std::optional<SpareSegment::Prepared> SpareSegment::take() {
  std::unique_lock lock(mu_, std::try_to_lock);
  if (!lock.owns_lock() || !file_) return std::nullopt;
  Prepared prepared{std::move(file_), allocated_};
  file_.reset();
  allocated_ = 0;
  return prepared;
}

void SpareSegment::release() {
  std::unique_lock lock(mu_, std::try_to_lock);
  if (lock.owns_lock() && file_) remove_file_locked();
}

void SpareSegment::discard() {
  std::lock_guard lock(mu_);
  discarded_ = true;
  if (file_) remove_file_locked();
}

void SpareSegment::remove_file_locked() {
  file_.reset();
  allocated_ = 0;
  std::error_code ignored;  // a leftover is removed when the partition is next loaded
  std::filesystem::remove(path_, ignored);
}

}  // namespace skiff::storage

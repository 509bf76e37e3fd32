#include "retention.h"

#include <chrono>
#include <filesystem>

namespace skiff::storage {

namespace {

int64_t modification_time_ms(const std::filesystem::path& path) {
  std::error_code ec;
  auto t = std::filesystem::last_write_time(path, ec);
  if (ec) return -1;
  auto sys = std::chrono::file_clock::to_sys(t);
  return std::chrono::duration_cast<std::chrono::milliseconds>(sys.time_since_epoch()).count();
}

}  // namespace

RetentionPlan plan_retention(const std::vector<std::shared_ptr<Segment>>& segments,
                             int64_t log_end_offset, int64_t high_watermark,
                             int64_t log_start_offset, const LogConfig& config, int64_t now_ms) {
  RetentionPlan plan;
  const std::size_t n = segments.size();
  auto end_of = [&](std::size_t i) {
    return i + 1 < n ? segments[i + 1]->base_offset() : log_end_offset;
  };
  // A segment qualifies only if it holds data, all of it below the high watermark.
  auto eligible = [&](std::size_t i) {
    return end_of(i) <= high_watermark && !(i + 1 == n && segments[i]->size() == 0);
  };
  auto take = [&](std::size_t count, const std::string& reason) {
    if (count > plan.count) {
      plan.count = count;
      plan.reason = reason;
    }
  };

  std::size_t below_start = 0;
  while (below_start < n && eligible(below_start) && end_of(below_start) <= log_start_offset) {
    ++below_start;
  }
  take(below_start, "below the log start offset " + std::to_string(log_start_offset));

  if (!config.delete_retention) return plan;

  if (config.retention_ms >= 0) {
    std::size_t expired = 0;
    while (expired < n && eligible(expired)) {
      int64_t largest = segments[expired]->max_timestamp().first;
      if (largest < 0) largest = modification_time_ms(segments[expired]->log_path());
      if (largest < 0 || now_ms - largest <= config.retention_ms) break;
      ++expired;
    }
    take(expired, "older than retention.ms " + std::to_string(config.retention_ms));
  }

  if (config.retention_bytes >= 0) {
    int64_t total = 0;
    for (const auto& s : segments) total += static_cast<int64_t>(s->size());
    int64_t excess = total - config.retention_bytes;
    std::size_t oversize = 0;
    while (oversize < n && eligible(oversize) &&
           excess - static_cast<int64_t>(segments[oversize]->size()) >= 0) {
      excess -= static_cast<int64_t>(segments[oversize]->size());
      ++oversize;
    }
    take(oversize, "over retention.bytes " + std::to_string(config.retention_bytes));
  }
  return plan;
}

}  // namespace skiff::storage

#include "partition_files.h"

#include <string>

#include "checkpoint_file.h"
#include "file.h"
#include "log_layout.h"
#include "storage_error.h"

namespace skiff::storage::partition_files {

namespace {
constexpr int kLogStartVersion = 0;

std::filesystem::path in(const std::filesystem::path& dir, std::string_view name) {
  return dir / std::string(name);
}
}  // namespace

std::optional<int64_t> read_log_start_offset(const std::filesystem::path& dir) {
  auto path = in(dir, layout::kLogStartOffsetCheckpoint);
  auto entries = read_checkpoint(path, kLogStartVersion, 1);
  if (!entries) return std::nullopt;
  if (entries->size() != 1 || (*entries)[0][0] < 0) throw_corrupt(path, "expected one offset");
  return (*entries)[0][0];
}

void write_log_start_offset(const std::filesystem::path& dir, int64_t offset) {
  write_checkpoint(in(dir, layout::kLogStartOffsetCheckpoint), kLogStartVersion, {{offset}});
}

void ensure_partition_metadata(const std::filesystem::path& dir, const sdk::TopicPartition& tp) {
  auto path = in(dir, layout::kPartitionMetadata);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return;
  write_file_atomically(path, "version: 0\ntopic_name: " + tp.topic +
                                  "\npartition: " + std::to_string(tp.partition) + "\n");
}

bool has_clean_shutdown_marker(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::exists(in(dir, layout::kCleanShutdownMarker), ec);
}

void write_clean_shutdown_marker(const std::filesystem::path& dir) {
  write_file_atomically(in(dir, layout::kCleanShutdownMarker), "");
}

void remove_clean_shutdown_marker(const std::filesystem::path& dir) {
  auto path = in(dir, layout::kCleanShutdownMarker);
  std::error_code ec;
  if (!std::filesystem::remove(path, ec)) {
    if (ec) throw_io_error("cannot delete", path, ec.value());
    return;
  }
  sync_directory(dir);
}

}  // namespace skiff::storage::partition_files

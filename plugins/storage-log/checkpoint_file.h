// Small state files replaced atomically: written to "<name>.tmp", fsynced, renamed
// over the old copy and the directory fsynced, so after a crash either the old or
// the new content is there, never a mix.
//
// Checkpoints use Kafka's text format: a version line, an entry-count line, then one
// line per entry of space-separated integers:
//   0
//   2
//   0 0
//   3 1500
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace skiff::storage {

using CheckpointEntries = std::vector<std::vector<int64_t>>;

void write_file_atomically(const std::filesystem::path& path, std::string_view content);

void write_checkpoint(const std::filesystem::path& path, int version,
                      const CheckpointEntries& entries);
// nullopt if the file does not exist; throws StorageError (kCorruptMessage) when it
// is malformed, has another version, or an entry has other than `fields` numbers.
std::optional<CheckpointEntries> read_checkpoint(const std::filesystem::path& path, int version,
                                                 std::size_t fields);

}  // namespace skiff::storage

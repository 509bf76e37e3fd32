#include "checkpoint_file.h"

#include <fstream>
#include <sstream>
#include <string>

#include "file.h"
#include "log_layout.h"
#include "storage_error.h"

namespace skiff::storage {

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  auto temp = path;
  temp += std::string(layout::kTempSuffix);
  {
    auto file = File::open(temp, File::Mode::kCreate);
    file->truncate(0);
    file->write_at(0, content.data(), content.size());
    file->sync();
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) throw_io_error("cannot rename " + temp.string() + " to", path, ec.value());
  sync_directory(path.parent_path());
}

void write_checkpoint(const std::filesystem::path& path, int version,
                      const CheckpointEntries& entries) {
  std::string text = std::to_string(version) + "\n" + std::to_string(entries.size()) + "\n";
  for (const auto& entry : entries) {
    for (std::size_t i = 0; i < entry.size(); ++i) {
      if (i) text += ' ';
      text += std::to_string(entry[i]);
    }
    text += '\n';
  }
  write_file_atomically(path, text);
}

std::optional<CheckpointEntries> read_checkpoint(const std::filesystem::path& path, int version,
                                                 std::size_t fields) {
  std::ifstream in(path);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::nullopt;
    throw_io_error("cannot read", path);
  }
  auto fail = [&](const std::string& why) -> std::optional<CheckpointEntries> {
    throw_corrupt(path, "malformed checkpoint: " + why);
  };
  std::string line;
  long long file_version = 0;
  long long count = 0;
  if (!std::getline(in, line) || !(std::istringstream(line) >> file_version)) {
    return fail("no version line");
  }
  if (file_version != version) return fail("version " + std::to_string(file_version));
  if (!std::getline(in, line) || !(std::istringstream(line) >> count) || count < 0) {
    return fail("no entry count");
  }
  CheckpointEntries entries;
  for (long long i = 0; i < count; ++i) {
    if (!std::getline(in, line)) return fail("expected " + std::to_string(count) + " entries");
    std::istringstream fieldsin(line);
    std::vector<int64_t> entry;
    long long value;
    while (fieldsin >> value) entry.push_back(value);
    if (entry.size() != fields || !fieldsin.eof()) return fail("bad entry '" + line + "'");
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace skiff::storage

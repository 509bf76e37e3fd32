// A scratch directory for config-file tests, removed with its contents on scope
// exit; write() creates files (and parent directories) inside it.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

class TempConfigDir {
 public:
  TempConfigDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "skiff-config-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempConfigDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempConfigDir(const TempConfigDir&) = delete;
  TempConfigDir& operator=(const TempConfigDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path write(std::string_view relative, std::string_view text) const {
    auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::filesystem::path path_;
};

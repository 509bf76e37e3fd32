#include "file.h"

#include <atomic>
#include <cstdio>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage_error.h"

namespace skiff::storage {

std::shared_ptr<File> File::open(const std::filesystem::path& path, Mode mode) {
  int flags = O_CLOEXEC;
  switch (mode) {
    case Mode::kRead:
      flags |= O_RDONLY;
      break;
    case Mode::kReadWrite:
      flags |= O_RDWR;
      break;
    case Mode::kCreate:
      flags |= O_RDWR | O_CREAT;
      break;
    case Mode::kDirectWrite:
      flags |= O_WRONLY | O_DIRECT;
      break;
  }
  int fd;
  do {
    fd = ::open(path.c_str(), flags, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) throw_io_error("cannot open", path);
  return std::shared_ptr<File>(new File(fd, path));
}

File::~File() {
  if (fd_ >= 0) ::close(fd_);
}

uint64_t File::size() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) throw_io_error("cannot stat", path_);
  return static_cast<uint64_t>(st.st_size);
}

std::size_t File::read_at(uint64_t offset, void* buffer, std::size_t n) const {
  auto* out = static_cast<char*>(buffer);
  std::size_t done = 0;
  while (done < n) {
    ssize_t r = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
    if (r < 0) {
      if (errno == EINTR) continue;
      throw_io_error("cannot read", path_);
    }
    if (r == 0) break;
    done += static_cast<std::size_t>(r);
  }
  return done;
}

void File::read_exact(uint64_t offset, void* buffer, std::size_t n) const {
  if (read_at(offset, buffer, n) != n) {
    throw_corrupt(path_, "unexpected end of file reading " + std::to_string(n) + " bytes at " +
                             std::to_string(offset));
  }
}

void File::write_at(uint64_t offset, const void* data, std::size_t n) {
  if (int error = try_write_at(offset, data, n); error != 0) {
    throw_io_error("cannot write", path_, error);
  }
}

int File::try_write_at(uint64_t offset, const void* data, std::size_t n) noexcept {
  const auto* in = static_cast<const char*>(data);
  std::size_t done = 0;
  while (done < n) {
    ssize_t w = ::pwrite(fd_, in + done, n - done, static_cast<off_t>(offset + done));
    if (w < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<std::size_t>(w);
  }
  return 0;
}

void File::truncate(uint64_t size) {
  int r;
  do {
    r = ::ftruncate(fd_, static_cast<off_t>(size));
  } while (r != 0 && errno == EINTR);
  if (r != 0) throw_io_error("cannot truncate", path_);
}

namespace {
std::atomic<int> failing_syncs{0};
}  // namespace

void fail_next_syncs_for_testing(int count) { failing_syncs.store(count); }

void File::sync() {
  if (failing_syncs.load(std::memory_order_relaxed) > 0 && failing_syncs.fetch_sub(1) > 0) {
    throw_io_error("cannot fsync", path_, EIO);
  }
  if (::fdatasync(fd_) != 0) throw_io_error("cannot fsync", path_);
}

void File::start_writeback(uint64_t offset, uint64_t n) noexcept {
  ::sync_file_range(fd_, static_cast<off64_t>(offset), static_cast<off64_t>(n),
                    SYNC_FILE_RANGE_WRITE);
}

int File::preallocate(uint64_t offset, uint64_t n) noexcept {
  int r;
  do {
    r = ::fallocate(fd_, FALLOC_FL_KEEP_SIZE, static_cast<off_t>(offset), static_cast<off_t>(n));
  } while (r != 0 && errno == EINTR);
  return r == 0 ? 0 : errno;
}

void File::rename_to(const std::filesystem::path& path) {
  if (::rename(path_.c_str(), path.c_str()) != 0) throw_io_error("cannot rename " + path_.string() + " to", path);
  path_ = path;
}

void sync_directory(const std::filesystem::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw_io_error("cannot open directory", dir);
  int r = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (r != 0) throw_io_error("cannot fsync directory", dir, err);
}

}  // namespace skiff::storage

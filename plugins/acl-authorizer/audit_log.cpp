#include "audit_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace skiff::acl {

AuditLog::~AuditLog() { close(); }

std::string AuditLog::open(const std::string& path) {
  if (path.empty()) {
    close();
    return {};
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return "cannot open audit log " + path + ": " + std::strerror(errno);
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  return {};
}

void AuditLog::close() {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool AuditLog::enabled() const {
  std::lock_guard lock(mutex_);
  return fd_ >= 0;
}

void AuditLog::append(std::string_view line) {
  std::string out(line);
  out += '\n';
  std::lock_guard lock(mutex_);
  if (fd_ < 0) return;
  const char* p = out.data();
  size_t left = out.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace skiff::acl

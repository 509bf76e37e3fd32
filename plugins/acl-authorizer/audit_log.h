// The audit log file: JSON lines appended with O_APPEND (each line one write(2),
// so concurrent writers never interleave), reopened on SIGHUP so logrotate can move
// the old file away.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

namespace skiff::acl {

class AuditLog {
 public:
  AuditLog() = default;
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;
  ~AuditLog();

  // (Re)opens `path` for appending, creating it; an empty path closes the log.
  // Returns an error message, empty on success (the old file stays open on error).
  std::string open(const std::string& path);
  void close();
  bool enabled() const;
  // Appends `line` and a newline; errors are dropped (auditing never fails a request).
  void append(std::string_view line);

 private:
  mutable std::mutex mutex_;
  int fd_ = -1;
};

}  // namespace skiff::acl

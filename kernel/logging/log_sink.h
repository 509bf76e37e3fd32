// Where formatted log lines go. StderrSink writes each line with a single write(2)
// under a mutex, so lines from different threads never interleave.
#pragma once

#include <mutex>
#include <string_view>

namespace skiff::kernel {

class LogSink {
 public:
  virtual ~LogSink() = default;
  // `line` is complete, including its trailing '\n'. Called from any thread.
  virtual void write_line(std::string_view line) = 0;
};

class StderrSink final : public LogSink {
 public:
  void write_line(std::string_view line) override;

 private:
  std::mutex mutex_;
};

}  // namespace skiff::kernel

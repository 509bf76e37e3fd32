// The logger plugins get in the CLI: one line per message on stderr, prefixed with the
// plugin and subsystem, so plugin output never mixes into a command's stdout.
#pragma once

#include <string>

#include "skiff/sdk/log.h"

namespace skiff::cli {

class StderrLogger : public sdk::Logger {
 public:
  StderrLogger(std::string prefix, sdk::LogLevel threshold)
      : prefix_(std::move(prefix)), threshold_(threshold) {}

  bool enabled(sdk::LogLevel level) const override { return level >= threshold_; }
  void write(sdk::LogLevel level, std::string_view message) override;

 private:
  std::string prefix_;
  sdk::LogLevel threshold_;
};

}  // namespace skiff::cli

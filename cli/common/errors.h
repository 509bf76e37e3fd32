// The two ways a `skiff` command fails: UsageError (the command line is wrong; exit
// status 2, like getopt tools) and CommandError (the operation failed; exit status 1).
#pragma once

#include <stdexcept>
#include <string>

namespace skiff::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

class CommandError : public std::runtime_error {
 public:
  explicit CommandError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace skiff::cli

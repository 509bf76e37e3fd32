// StorageError: what the storage internals throw when an I/O call fails or data is
// damaged beyond repair. It carries the Kafka error code to report and a message
// naming the file; the PartitionLog / StorageEngine entry points turn it into an
// error result (or let it propagate from open(), whose callers expect exceptions).
#pragma once

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "skiff/sdk/error_code.h"

namespace skiff::storage {

class StorageError : public std::runtime_error {
 public:
  StorageError(sdk::ErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  sdk::ErrorCode code() const { return code_; }

 private:
  sdk::ErrorCode code_;
};

// Throws kKafkaStorageError "<what> <path>: <strerror(err)>".
[[noreturn]] inline void throw_io_error(const std::string& what, const std::filesystem::path& path,
                                        int err = errno) {
  throw StorageError(sdk::ErrorCode::kKafkaStorageError,
                     what + " " + path.string() + ": " + std::strerror(err));
}

// Throws kCorruptMessage naming the damaged file.
[[noreturn]] inline void throw_corrupt(const std::filesystem::path& path, const std::string& why) {
  throw StorageError(sdk::ErrorCode::kCorruptMessage, path.string() + ": " + why);
}

}  // namespace skiff::storage

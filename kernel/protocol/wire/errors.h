// The codec's exceptions: DecodeError for malformed or truncated input, EncodeError
// for a message that cannot be written in the requested version (Kafka throws in
// the same situations, e.g. a non-default value in a field the version lacks).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace skiff::protocol {

class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class EncodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Out-of-line throw helpers keep the generated encoders and decoders small.
[[noreturn]] void throw_decode_unsupported_version(const char* message_name, int16_t version);
[[noreturn]] void throw_encode_unsupported_version(const char* message_name, int16_t version);
[[noreturn]] void throw_decode_null(const char* field, int16_t version);
[[noreturn]] void throw_encode_null(const char* field, int16_t version);
[[noreturn]] void throw_encode_absent_field(const char* field, int16_t version);

}  // namespace skiff::protocol

// Messages for the codec's exceptions, in one place so every generated message
// reports errors the same way.
#include "kernel/protocol/wire/errors.h"

namespace skiff::protocol {

void throw_decode_unsupported_version(const char* message_name, int16_t version) {
  throw DecodeError(std::string(message_name) + ": unsupported version " + std::to_string(version));
}

void throw_encode_unsupported_version(const char* message_name, int16_t version) {
  throw EncodeError(std::string(message_name) + ": unsupported version " + std::to_string(version));
}

void throw_decode_null(const char* field, int16_t version) {
  throw DecodeError(std::string(field) + ": null is not allowed in version " +
                    std::to_string(version));
}

void throw_encode_null(const char* field, int16_t version) {
  throw EncodeError(std::string(field) + ": null is not allowed in version " +
                    std::to_string(version));
}

void throw_encode_absent_field(const char* field, int16_t version) {
  throw EncodeError(std::string(field) + ": has a non-default value but is not part of version " +
                    std::to_string(version));
}

}  // namespace skiff::protocol

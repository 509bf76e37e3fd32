// The binary format of the controller's stored values: topics (without their
// configs), config maps, and single integers or strings. Every value starts with a
// format version byte so a later build can read or refuse older data; integers are
// big-endian, strings and lists carry a 32-bit length.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include "skiff/sdk/controller.h"

namespace skiff::controller_local {

inline constexpr uint8_t kFormatVersion = 1;

// A stored value this build cannot read: truncated, trailing bytes, unknown version.
class CodecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Topic partitions and identity; `configs` is stored separately and not encoded.
std::string encode_topic(const sdk::TopicInfo& topic);
sdk::TopicInfo decode_topic(std::string_view bytes);

std::string encode_configs(const std::map<std::string, std::string>& configs);
std::map<std::string, std::string> decode_configs(std::string_view bytes);

std::string encode_int64(int64_t value);
int64_t decode_int64(std::string_view bytes);

std::string encode_string(std::string_view value);
std::string decode_string(std::string_view bytes);

}  // namespace skiff::controller_local

// A tagged field the codec does not know (a newer peer's addition): its tag and raw
// value bytes, kept so that a decoded struct re-encodes to the same tagged section.
#pragma once

#include <cstdint>
#include <vector>

namespace skiff::protocol {

struct TaggedField {
  uint32_t tag = 0;
  std::vector<uint8_t> data;
  bool operator==(const TaggedField&) const = default;
};

}  // namespace skiff::protocol

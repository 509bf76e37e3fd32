// A response ready for the socket: the 4-byte size prefix and header are in
// `bytes`, followed by the body as a sequence of pieces — ranges of `bytes` or
// file slices that go out with sendfile(2).
#pragma once

#include <cstdint>
#include <vector>

#include "skiff/sdk/types.h"

namespace skiff::kernel::net {

struct OutboundFrame {
  struct Piece {
    size_t offset = 0;  // into bytes, when !is_file
    size_t length = 0;
    bool is_file = false;
    sdk::FileSlice file;
  };
  std::vector<uint8_t> bytes;
  std::vector<Piece> pieces;

  size_t total_size() const {
    size_t n = 0;
    for (const auto& p : pieces) n += p.length;
    return n;
  }
};

}  // namespace skiff::kernel::net

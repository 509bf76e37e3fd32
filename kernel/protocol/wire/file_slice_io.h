// Reads an sdk::FileSlice into memory with pread(2): used where a file slice cannot
// be sent with sendfile (TLS) and by tests.
#pragma once

#include <cstdint>

#include "skiff/sdk/types.h"

namespace skiff::protocol {

// Fills out[0, slice.length) from the file; throws std::system_error on I/O errors
// and std::runtime_error if the file ends before the slice does.
void read_file_slice(const sdk::FileSlice& slice, uint8_t* out);

}  // namespace skiff::protocol

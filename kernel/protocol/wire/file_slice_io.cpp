// pread(2) loop for file slices: retries on EINTR and short reads.
#include "kernel/protocol/wire/file_slice_io.h"

#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace skiff::protocol {

void read_file_slice(const sdk::FileSlice& slice, uint8_t* out) {
  uint64_t done = 0;
  while (done < slice.length) {
    ssize_t n = ::pread(slice.fd, out + done, slice.length - done,
                        static_cast<off_t>(slice.offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "pread of a file slice");
    }
    if (n == 0) throw std::runtime_error("file slice extends past the end of its file");
    done += static_cast<uint64_t>(n);
  }
}

}  // namespace skiff::protocol

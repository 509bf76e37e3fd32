// A response ready for the socket: size prefix, header and body as one encoded
// OutputBuffer, whose pieces are memory ranges or file slices sent with sendfile(2).
#pragma once

#include "kernel/protocol/wire/output_buffer.h"

namespace skiff::kernel::net {

using OutboundFrame = protocol::OutputBuffer;

}  // namespace skiff::kernel::net

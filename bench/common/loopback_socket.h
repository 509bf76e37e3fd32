// TCP over 127.0.0.1 for the benchmark: a free port, listening and connecting
// sockets. The benchmark never leaves loopback.
#pragma once

#include <cstdint>

#include "common/fd.h"

namespace skiff::bench {

// A port nobody listens on right now (bound to port 0 and released).
uint16_t free_loopback_port();

// A socket listening on 127.0.0.1:`port` (0: any); `bound_port` gets the port.
Fd listen_loopback(uint16_t port, uint16_t* bound_port);

// A connected socket, or an invalid Fd if nothing accepts on `port` yet.
Fd try_connect_loopback(uint16_t port);

}  // namespace skiff::bench

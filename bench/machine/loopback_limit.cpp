// Loopback throughput: the receiver counts what arrives while the sender writes
// 1 MiB buffers for the given time, then shuts the connection down.
#include "machine/loopback_limit.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <thread>
#include <vector>

#include "common/bench_error.h"
#include "common/clock.h"
#include "common/fd.h"
#include "common/loopback_socket.h"
#include "common/units.h"

namespace skiff::bench {

LoopbackLimit measure_loopback(double seconds) {
  uint16_t port = 0;
  Fd listener = listen_loopback(0, &port);
  Fd sender = try_connect_loopback(port);
  if (!sender.valid()) throw_errno("loopback connect");
  Fd receiver(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
  if (!receiver.valid()) throw_errno("loopback accept");

  uint64_t received = 0;
  Clock::time_point start = Clock::now();
  std::thread reader([&] {
    std::vector<char> buffer(kMiB);
    for (;;) {
      ssize_t n = ::read(receiver.get(), buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      received += static_cast<uint64_t>(n);
    }
  });
  std::vector<char> chunk(kMiB, 'x');
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(bench::seconds(seconds));
  while (Clock::now() < deadline) {
    if (!write_all(sender.get(), chunk.data(), chunk.size())) break;
  }
  ::shutdown(sender.get(), SHUT_WR);
  reader.join();
  LoopbackLimit out;
  out.seconds = seconds_since(start);
  out.mib_per_s = mib_per_s(received, out.seconds);
  return out;
}

}  // namespace skiff::bench

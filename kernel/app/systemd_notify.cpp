#include "kernel/app/systemd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace skiff::kernel::app {

bool notify_systemd(std::string_view state) noexcept {
  const char* socket_path = std::getenv("NOTIFY_SOCKET");
  if (socket_path == nullptr) return false;
  const size_t length = std::strlen(socket_path);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  // A path, or "@name" for an abstract socket (a leading NUL byte on the wire).
  if ((socket_path[0] != '/' && socket_path[0] != '@') || length < 2 ||
      length >= sizeof(address.sun_path)) {
    return false;
  }
  std::memcpy(address.sun_path, socket_path, length);
  if (socket_path[0] == '@') address.sun_path[0] = '\0';
  const auto address_length =
      static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + length + (socket_path[0] == '/'));

  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const ssize_t sent = ::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL,
                                reinterpret_cast<const sockaddr*>(&address), address_length);
  ::close(fd);
  return sent == static_cast<ssize_t>(state.size());
}

}  // namespace skiff::kernel::app

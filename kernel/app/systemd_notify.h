// Readiness and status messages to systemd for `Type=notify` units (sd_notify(3)
// without libsystemd): one datagram to the unix socket named by $NOTIFY_SOCKET.
// Outside systemd ($NOTIFY_SOCKET unset) every call does nothing.
#pragma once

#include <string_view>

namespace skiff::kernel::app {

// Sends `state` (newline-separated assignments such as "READY=1\nSTATUS=serving").
// Returns false when there is no socket to tell or the send failed; never throws.
bool notify_systemd(std::string_view state) noexcept;

}  // namespace skiff::kernel::app

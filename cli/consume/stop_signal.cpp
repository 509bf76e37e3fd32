// Signal handlers that only set a flag (the one async-signal-safe thing to do).
#include "consume/stop_signal.h"

#include <csignal>

namespace skiff::cli {

namespace {
volatile std::sig_atomic_t g_stop = 0;
void on_stop_signal(int) { g_stop = 1; }
}  // namespace

void install_stop_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool stop_requested() { return g_stop != 0; }

}  // namespace skiff::cli

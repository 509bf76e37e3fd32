// BrokerApp: skiffd's wiring and lifecycle. Loads config and plugins, starts the
// controller, storage and listeners, reacts to SIGHUP (reload) and SIGTERM/SIGINT
// (drain, flush, stop plugins in reverse order).
#pragma once

#include <memory>

#include "kernel/app/command_line.h"

namespace skiff::kernel::app {

class BrokerApp {
 public:
  explicit BrokerApp(CommandLine command_line);
  ~BrokerApp();

  // Runs until a stop signal; returns the process exit code.
  int run();

 private:
  struct State;
  CommandLine command_line_;
  std::unique_ptr<State> state_;
};

}  // namespace skiff::kernel::app
